import { DEFAULT_IMPACT_OPTIONS, Direction, ScoreOptions } from '../engine';

const MINUTE = 60_000;

/**
 * The scoring settings as a person saves them (windows in minutes, thresholds as ratios
 * and robust standard deviations): the panel's options carry them, and the app's release
 * health pages score with their defaults.
 */
export interface ScoringSettings {
  direction: Direction;
  beforeMinutes: number;
  afterMinutes: number;
  calibratedAlpha: number;
  smallRatio: number;
  largeRatio: number;
  smallSize: number;
  largeSize: number;
}

/** The engine's documented defaults, in the settings' units. */
export const DEFAULT_SCORING_SETTINGS: ScoringSettings = {
  direction: Direction.Up,
  beforeMinutes: DEFAULT_IMPACT_OPTIONS.beforeMs / MINUTE,
  afterMinutes: DEFAULT_IMPACT_OPTIONS.afterMs / MINUTE,
  calibratedAlpha: DEFAULT_IMPACT_OPTIONS.thresholds.calibratedAlpha,
  smallRatio: DEFAULT_IMPACT_OPTIONS.thresholds.smallRatio,
  largeRatio: DEFAULT_IMPACT_OPTIONS.thresholds.largeRatio,
  smallSize: DEFAULT_IMPACT_OPTIONS.thresholds.smallSize,
  largeSize: DEFAULT_IMPACT_OPTIONS.thresholds.largeSize,
};

/** Positive finite number or the fallback: a cleared editor field must not break scoring. */
function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * The engine options that saved settings stand for; missing or unusable values take the
 * defaults.
 *
 * @example
 * toEngineOptions({ afterMinutes: 15 }) // { direction: 'up', beforeMs: …, afterMs: 900000, thresholds: {…} }
 */
export function toEngineOptions(settings: Partial<ScoringSettings>): ScoreOptions {
  const o = { ...DEFAULT_SCORING_SETTINGS, ...settings };
  const d = DEFAULT_SCORING_SETTINGS;
  return {
    direction: Object.values(Direction).includes(o.direction) ? o.direction : Direction.Up,
    beforeMs: positive(o.beforeMinutes, d.beforeMinutes) * MINUTE,
    afterMs: positive(o.afterMinutes, d.afterMinutes) * MINUTE,
    thresholds: {
      calibratedAlpha: positive(o.calibratedAlpha, d.calibratedAlpha),
      smallRatio: positive(o.smallRatio, d.smallRatio),
      largeRatio: positive(o.largeRatio, d.largeRatio),
      smallSize: positive(o.smallSize, d.smallSize),
      largeSize: positive(o.largeSize, d.largeSize),
    },
  };
}
