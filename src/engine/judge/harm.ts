import { roundRatio } from '../stats/roundRatio';
import { Direction } from '../types';

/** Signed harm of a signed change: positive means worse in the configured direction. */
export function harmOf(change: number, direction: Direction): number {
  if (direction === Direction.Down) {
    return -change;
  }
  if (direction === Direction.Either) {
    return Math.abs(change);
  }
  return change;
}

/** A ratio (after/before) as harm: ≥ 1 when worse in the configured direction. */
export function harmRatioOf(ratio: number, direction: Direction): number {
  if (direction === Direction.Down) {
    return ratio > 0 ? roundRatio(1 / ratio) : Infinity;
  }
  if (direction === Direction.Either) {
    return ratio > 0 ? roundRatio(Math.max(ratio, 1 / ratio)) : Infinity;
  }
  return ratio;
}

/** A finite number, or the fallback: keeps NaN and ±Infinity out of every result. */
export function finite(value: number, fallback = 0): number {
  return Number.isFinite(value) ? value : fallback;
}
