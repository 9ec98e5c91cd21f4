import { DEFAULT_IMPACT_OPTIONS, Direction, ScoreOptions } from '../engine';
import { ImpactOptions, ListPlacement } from './types';

export const OPTIONS_VERSION = 1;

const MINUTE = 60_000;

/** Defaults of every panel option: the engine's documented defaults, in the panel's units. */
export const DEFAULT_OPTIONS: ImpactOptions = {
  optionsVersion: OPTIONS_VERSION,
  seriesMatch: '',
  requestsMatch: '',
  versionLabel: 'version',
  direction: Direction.Up,
  beforeMinutes: DEFAULT_IMPACT_OPTIONS.beforeMs / MINUTE,
  afterMinutes: DEFAULT_IMPACT_OPTIONS.afterMs / MINUTE,
  calibratedAlpha: DEFAULT_IMPACT_OPTIONS.thresholds.calibratedAlpha,
  smallRatio: DEFAULT_IMPACT_OPTIONS.thresholds.smallRatio,
  largeRatio: DEFAULT_IMPACT_OPTIONS.thresholds.largeRatio,
  smallSize: DEFAULT_IMPACT_OPTIONS.thresholds.smallSize,
  largeSize: DEFAULT_IMPACT_OPTIONS.thresholds.largeSize,
  kinds: [],
  services: '',
  environments: '',
  sources: '',
  showRankedList: true,
  listPlacement: ListPlacement.Auto,
  showBanner: true,
  showWindowsOnHover: true,
};

/** Positive finite number or the fallback: a cleared editor field must not break scoring. */
function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The engine options the panel's saved options stand for. */
export function toEngineOptions(options: Partial<ImpactOptions>): ScoreOptions {
  const o = { ...DEFAULT_OPTIONS, ...options };
  return {
    direction: Object.values(Direction).includes(o.direction) ? o.direction : Direction.Up,
    beforeMs: positive(o.beforeMinutes, DEFAULT_OPTIONS.beforeMinutes) * MINUTE,
    afterMs: positive(o.afterMinutes, DEFAULT_OPTIONS.afterMinutes) * MINUTE,
    thresholds: {
      calibratedAlpha: positive(o.calibratedAlpha, DEFAULT_OPTIONS.calibratedAlpha),
      smallRatio: positive(o.smallRatio, DEFAULT_OPTIONS.smallRatio),
      largeRatio: positive(o.largeRatio, DEFAULT_OPTIONS.largeRatio),
      smallSize: positive(o.smallSize, DEFAULT_OPTIONS.smallSize),
      largeSize: positive(o.largeSize, DEFAULT_OPTIONS.largeSize),
    },
  };
}
