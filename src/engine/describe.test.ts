import { describeTraffic } from './describe';
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
