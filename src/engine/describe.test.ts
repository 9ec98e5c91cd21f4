import { describeDecidedAfter, describeTraffic } from './describe';
import { SeriesImpact } from './types';

/** CONSTRUCTED: the fields describeTraffic reads of a series judged as its error ratio. */
function judged(errors: number | null, requests: number | null, ratio: number): SeriesImpact {
  return { seriesId: 'e', name: 'checkout errors error ratio', status: 'ok', ratio, traffic: { errors, requests } } as SeriesImpact;
}

describe('describeTraffic', () => {
  it.each([
    ['errors and requests tripled', judged(3, 2.9, 1.03), 'errors rose with traffic: checkout errors 3x, requests 2.9x, error ratio 1.03x'],
    ['errors rose but requests stayed flat', judged(1.32, 1.05, 1.27), ''],
    ['errors rose less than the small-change ratio', judged(1.1, 1.1, 1), ''],
    ['requests unknown', judged(3, null, 1), ''],
    ['a series judged as a count', { ...judged(3, 3, 3), traffic: null } as SeriesImpact, ''],
  ])('%s', (_, impact, expected) => {
    expect(describeTraffic(impact, 1.25)).toBe(expected);
  });
});

describe('describeDecidedAfter', () => {
  const FROM = Date.UTC(2026, 0, 5, 10);
  /** CONSTRUCTED: the fields describeDecidedAfter reads of a judged series: its status and impact window. */
  function judgedAt(stepMs: number, samples = 6, status: SeriesImpact['status'] = 'ok'): SeriesImpact {
    return { status, impact: { from: FROM, to: FROM + (samples - 1) * stepMs, samples, median: 0, mean: 0, scale: 1 } } as SeriesImpact;
  }

  it.each([
    ['two samples of five minutes', 2, [judgedAt(300_000)], '2 samples (10 min)'],
    ['one sample', 1, [judgedAt(300_000)], '1 sample (5 min)'],
    ['the whole window of one-minute samples', 30, [judgedAt(60_000, 30), judgedAt(60_000, 12)], '30 samples (30 min)'],
    ['series of different steps: the count alone', 2, [judgedAt(60_000), judgedAt(300_000)], '2 samples'],
    ['no series judged: the count alone', 3, [judgedAt(60_000, 1), judgedAt(60_000, 6, 'insufficient_data')], '3 samples'],
    ['nothing scored', null, [judgedAt(60_000)], ''],
    ['an older result without the field', undefined, [judgedAt(60_000)], ''],
  ])('%s', (_, decidedAfterSamples, series, expected) => {
    expect(describeDecidedAfter({ decidedAfterSamples, series })).toBe(expected);
  });
});
