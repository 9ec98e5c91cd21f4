import { PanelEvent } from '../../frames/types';
import { ImpactOptions } from '../types';

function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/** The events the options let count: by kind, service, environment and source. */
export function filterEvents(events: PanelEvent[], options: Pick<ImpactOptions, 'kinds' | 'services' | 'environments' | 'sources'>): PanelEvent[] {
  const kinds = new Set(options.kinds ?? []);
  const services = list(options.services ?? '');
  const environments = list(options.environments ?? '');
  const sources = list(options.sources ?? '');
  return events.filter(
    (e) =>
      (kinds.size === 0 || kinds.has(e.kind)) &&
      (services.length === 0 || services.includes(e.service.toLowerCase())) &&
      (environments.length === 0 || environments.includes(e.environment.toLowerCase())) &&
      (sources.length === 0 || sources.includes(e.source.toLowerCase()))
  );
}
