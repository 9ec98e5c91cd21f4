import fc from 'fast-check';

import { formatMs, formatPercent } from '../../dora';
import { formatFrequency } from '../components/format';
import { DORA_THRESHOLDS, doraBand } from './doraBand';
import { DoraKey, ServiceKeys } from './types';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// The text as a reader takes it back: "15.004%", "59.99 min", "6.9999 / week".
function percentBack(text: string): number {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (!m) {
    throw new Error(`not a percentage: ${text}`);
  }
  return Number(m[1]) / 100;
}

const UNIT_MS: Record<string, number> = { s: SECOND, min: MINUTE, h: HOUR, days: DAY };

function durationBack(text: string): number {
  if (text === 'under 1 s') {
    return 0;
  }
  const m = /^(\d+(?:\.\d+)?) (s|min|h|days)$/.exec(text);
  if (!m) {
    throw new Error(`not a duration: ${text}`);
  }
  return Number(m[1]) * UNIT_MS[m[2]];
}

function frequencyBack(text: string): number {
  const m = /^(\d+(?:\.\d+)?) \/ (day|week)$/.exec(text);
  if (!m) {
    throw new Error(`not a frequency: ${text}`);
  }
  return m[2] === 'day' ? Number(m[1]) : Number(m[1]) / 7;
}

// CONSTRUCTED keys: every change judged, every failure restored, so each key's band rests on its value alone.
const keysWith = (patch: Partial<ServiceKeys>): ServiceKeys => ({
  deploys: 10,
  flagChanges: 0,
  changes: 10,
  failedFlagChanges: 0,
  deploysPerDay: 1,
  leadTimeMedianMs: null,
  leadTimeSamples: 0,
  changeFailureRate: null,
  changeFailureRateMax: null,
  failed: 1,
  judged: 10,
  timeToRestoreMedianMs: null,
  timeToRestoreWorstMs: null,
  timeToRestoreMedianMaxMs: null,
  unrestored: 0,
  ...patch,
});

interface Shown {
  key: DoraKey;
  text: (v: number) => string;
  back: (text: string) => number;
  keys: (v: number) => ServiceKeys;
  /** Whether the band's bound includes its cut-off ("15% or less") rather than excludes it ("under one hour"). */
  inclusive: boolean;
}

const SHOWN: Shown[] = [
  {
    key: DoraKey.ChangeFailureRate,
    text: formatPercent,
    back: percentBack,
    keys: (v) => keysWith({ changeFailureRate: v, changeFailureRateMax: v }),
    inclusive: true,
  },
  {
    key: DoraKey.LeadTime,
    text: (v) => formatMs(v),
    back: durationBack,
    keys: (v) => keysWith({ leadTimeMedianMs: v, leadTimeSamples: 3 }),
    inclusive: false,
  },
  {
    key: DoraKey.TimeToRestore,
    text: (v) => formatMs(v),
    back: durationBack,
    keys: (v) => keysWith({ timeToRestoreMedianMs: v, timeToRestoreMedianMaxMs: v, timeToRestoreWorstMs: v }),
    inclusive: false,
  },
  {
    key: DoraKey.DeploymentFrequency,
    text: formatFrequency,
    back: frequencyBack,
    keys: (v) => keysWith({ deploysPerDay: v }),
    inclusive: false,
  },
];

const cutoffs = (key: DoraKey) => [DORA_THRESHOLDS[key].elite, DORA_THRESHOLDS[key].high, DORA_THRESHOLDS[key].medium];

/** Values anywhere, and values a hair either side of every cut-off: where rounding crosses one. */
function values(key: DoraKey, whole: boolean): fc.Arbitrary<number> {
  const near = fc
    .tuple(fc.constantFrom(...cutoffs(key)), fc.double({ min: -0.02, max: 0.02, noNaN: true }))
    .map(([t, off]) => t * (1 + off));
  // A frequency above zero is at least one deploy in the range: a century's is the least considered.
  const least = key === DoraKey.DeploymentFrequency ? 1 / 36_500 : 0;
  const anywhere = fc.double({ min: least, max: cutoffs(key).reduce((a, b) => Math.max(a, b)) * 3, noNaN: true });
  const v = fc.oneof(near, anywhere);
  return whole ? v.map((x) => Math.round(x)) : v;
}

describe('DORA figures and their bands', () => {
  // formatPercent(0.1504) read "15%" beside the band for over 15%; 59.7 min read "60 min" beside the band for under an hour.
  it.each(SHOWN.map((s) => [s.key, s]))('%s: the figure shown, read back, is on the same side of every cut-off and in the same band as the value', (_key, s) => {
    const whole = s.key === DoraKey.LeadTime || s.key === DoraKey.TimeToRestore;
    fc.assert(
      fc.property(values(s.key, whole), (v) => {
        const text = s.text(v);
        const shown = s.back(text);
        for (const t of cutoffs(s.key)) {
          const side = (x: number) => (s.inclusive ? x <= t : x < t);
          expect({ text, below: side(shown) }).toStrictEqual({ text, below: side(v) });
        }
        expect(doraBand(s.key, s.keys(shown))).toBe(doraBand(s.key, s.keys(v)));
      }),
      { numRuns: 2000 }
    );
  });

  describe('edge cases', () => {
    it.each([
      [0.1504, '15.04%'],
      [0.15, '15%'],
      [0.1496, '15%'],
      [0.0501, '5.01%'],
      [2 / 9, '22.2%'],
    ])('shows a change failure rate of %p as %p', (share, text) => {
      expect(formatPercent(share)).toBe(text);
    });

    it.each([
      [HOUR - 20 * SECOND, '59.7 min'],
      [HOUR, '60 min'],
      [DAY - MINUTE, '23.98 h'],
      [7 * DAY - MINUTE, '6.999 days'],
      [30 * DAY - HOUR, '29.96 days'],
    ])('shows a duration of %p ms as %p', (ms, text) => {
      expect(formatMs(ms)).toBe(text);
    });

    it.each([
      [1 / 30, '0.24 / week'],
      [0.99999, '6.9999 / week'],
      [1 / 7 - 1e-5, '0.9999 / week'],
    ])('shows %p deploys a day as %p', (perDay, text) => {
      expect(formatFrequency(perDay)).toBe(text);
    });
  });
});
