import { EventImpact } from '../engine';
import { EventKind } from '../events/types';
import { PanelEvent } from '../frames/types';
import { ScoringSettings } from '../frames/toEngineOptions';

/** Where the ranked list goes; `auto` picks beside or below from the panel's size. */
export enum ListPlacement {
  Auto = 'auto',
  Right = 'right',
  Bottom = 'bottom',
}

/** Saved options of the Deploy Impact panel. Version 1 is the first release. */
export interface ImpactOptions extends ScoringSettings {
  /** Bumped whenever a saved option changes shape; the migration handler reads it. */
  optionsVersion: number;
  /** Which series are error-like: a name substring, or /regex/flags; empty for all numeric series. */
  seriesMatch: string;
  /**
   * Which series are the requests: same matcher as seriesMatch. When set, each error series is
   * judged as errors / requests, paired by its service (service, app, job label) and version.
   */
  requestsMatch: string;
  /** Labels that carry a series' version, comma-separated, first found first; the deploy's version is compared with the others. */
  versionLabel: string;
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

export interface ScoredEvent {
  event: PanelEvent;
  /** While `pending`, a stand-in: no verdict yet (drawn grey), score 0. */
  impact: EventImpact;
  /** True until the engine's result for this event has arrived. */
  pending?: boolean;
}
