import { Direction, EventImpact } from '../engine';
import { EventKind } from '../events/types';

/** Where the ranked list goes; `auto` picks beside or below from the panel's size. */
export enum ListPlacement {
  Auto = 'auto',
  Right = 'right',
  Bottom = 'bottom',
}

/** Saved options of the Deploy Impact panel. Version 1 is the first release. */
export interface ImpactOptions {
  /** Bumped whenever a saved option changes shape; the migration handler reads it. */
  optionsVersion: number;
  /** Which series are error-like: a name substring, or /regex/flags; empty for all numeric series. */
  seriesMatch: string;
  direction: Direction;
  beforeMinutes: number;
  afterMinutes: number;
  calibratedAlpha: number;
  smallRatio: number;
  largeRatio: number;
  smallSize: number;
  largeSize: number;
  /** Only these kinds count; empty for all. */
  kinds: EventKind[];
  /** Comma-separated services, environments and sources to keep; empty for all. */
  services: string;
  environments: string;
  sources: string;
  showRankedList: boolean;
  listPlacement: ListPlacement;
  showBanner: boolean;
  showWindowsOnHover: boolean;
}

/**
 * Options that earlier releases saved and this one no longer reads, each with the release
 * that removed it ("Removed in x.y"). None yet: version 1 is the first release.
 */
export type OutdatedOptions = Record<never, unknown>;

/** A deploy or change event as the panel shows it, from a query frame or an annotation. */
export interface PanelEvent {
  id: string;
  time: number;
  timeEnd: number | null;
  title: string;
  text: string;
  kind: EventKind;
  status: string;
  service: string;
  environment: string;
  version: string;
  commit: string;
  author: string;
  /** http or https only, else null. */
  url: string | null;
  source: string;
  tags: string[];
  /** Flag and config changes: the flag key and its state before and after; '' or absent otherwise. */
  flagKey?: string;
  fromState?: string;
  toState?: string;
  /** The verdict the release gate wrote for this deploy in Grafana (`safedeploy gate --annotate`); '' or absent otherwise. */
  gateVerdict?: string;
}

export interface ScoredEvent {
  event: PanelEvent;
  /** While `pending`, a stand-in: no verdict yet (drawn grey), score 0. */
  impact: EventImpact;
  /** True until the engine's result for this event has arrived. */
  pending?: boolean;
}
