import { Severity } from './types';

/**
 * Lowest score of each severity. A significant harmful change scores at least 40 (HARMFUL_FLOOR
 * in scoreSeries) and 40 + 60·s/(s + 8) for a size of s noise SDs, so: critical from 80, a
 * harmful change of about 16 noise SDs (twice largeSize); high from 60, one of about 4 (half of largeSize);
 * medium from 35, just under the harmful floor, so every harmful change is at least medium;
 * low from 15, a not-harmful change near the top of its range (it stays under 20).
 */
export const SEVERITY_FLOORS: ReadonlyArray<[number, Severity]> = [
  [80, Severity.Critical],
  [60, Severity.High],
  [35, Severity.Medium],
  [15, Severity.Low],
];

/** The severity of a score (0..100), from SEVERITY_FLOORS. */
export function severityOf(score: number): Severity {
  // Indexed, not destructured: it runs for every event, and unoptimised code iterates a
  // destructuring for-of through two iterators per floor.
  for (let k = 0; k < SEVERITY_FLOORS.length; k++) {
    if (score >= SEVERITY_FLOORS[k][0]) {
      return SEVERITY_FLOORS[k][1];
    }
  }
  return Severity.None;
}
