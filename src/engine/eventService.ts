import { EngineEvent } from './types';

/** The service an event names, or '' when it names none. */
export function serviceOf(event: EngineEvent): string {
  return typeof event.service === 'string' ? event.service : '';
}

/**
 * Whether a series is one of the service's: every series is when no service is named, and a
 * series that names no service is every service's (one query for one service rarely labels it).
 */
export function ofService(service: string, series: { service?: string }): boolean {
  return !service || !series.service || series.service === service;
}
