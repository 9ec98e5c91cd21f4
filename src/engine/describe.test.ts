import { describeDecidedAfter, describeTraffic, formatDuration } from './describe';
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
  function judgedAt(stepMs: number, samples = 6, status: SeriesImpact['status'] = 'ok', from = FROM): SeriesImpact {
    return { status, impact: { from, to: from + (samples - 1) * stepMs, samples, median: 0, mean: 0, scale: 1 } } as SeriesImpact;
  }

  it.each([
    ['two samples of five minutes, the first at the event', 2, [judgedAt(300_000)], '2 samples (5 min after the event)'],
    ['one sample at the event', 1, [judgedAt(300_000)], '1 sample (0 min after the event)'],
    ['the first sample two minutes after the event', 2, [judgedAt(300_000, 6, 'ok', FROM + 120_000)], '2 samples (7 min after the event)'],
    ['the whole window of one-minute samples', 30, [judgedAt(60_000, 30), judgedAt(60_000, 12)], '30 samples (29 min after the event)'],
    ['series of different steps: the count alone', 2, [judgedAt(60_000), judgedAt(300_000)], '2 samples'],
    ['series whose first samples differ: the count alone', 2, [judgedAt(60_000), judgedAt(60_000, 6, 'ok', FROM + 30_000)], '2 samples'],
    ['no series judged: the count alone', 3, [judgedAt(60_000, 1), judgedAt(60_000, 6, 'insufficient_data')], '3 samples'],
    ['nothing scored', null, [judgedAt(60_000)], ''],
    ['an older result without the field', undefined, [judgedAt(60_000)], ''],
  ])('%s', (_, decidedAfterSamples, series, expected) => {
    expect(describeDecidedAfter({ decidedAfterSamples, series, time: FROM })).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [29_000, '29 s'],
    [1_000, '1 s'],
    [30_000, '1 min'],
    [25 * 60_000, '25 min'],
    [3 * 3_600_000, '3 h'],
  ])('reads %p ms as %p: a duration under half a minute in seconds, never "0 min"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
