import { Comparison, EventImpact, SeriesImpact, Verdict } from '../../engine';
import { countingOf } from './countingOf';

const WINDOW = 30 * 60_000;

/** CONSTRUCTED: the fields countingOf reads of an engine result. */
function impact(comparison: Comparison, verdict: Verdict, versions: EventImpact['versions'], series: Array<Pick<SeriesImpact, 'seriesId' | 'status'>>): Pick<EventImpact, 'comparison' | 'versions' | 'verdict' | 'series'> {
  return { comparison, verdict, versions, series: series as SeriesImpact[] };
}

const COMPARED = { version: 'v2' } as NonNullable<EventImpact['versions']>;
const deploy = { service: 'orders', version: 'v2' };
const okSeries = [
  { seriesId: 'v1', status: 'ok' as const },
  { seriesId: 'v2', status: 'ok' as const },
  { seriesId: 'short', status: 'insufficient_data' as const },
];
const VERSIONS = { by: 'versions', version: 'v2', service: 'orders', windowMs: WINDOW };
const SERIES = { by: 'series', ids: ['v1', 'v2'], service: 'orders' };

describe('countingOf', () => {
  it.each([
    ['a comparison over the window', Comparison.Versions, Verdict.Healthy, COMPARED, VERSIONS],
    ['a sequential roll_back before the comparison has numbers', Comparison.Versions, Verdict.RollBack, null, VERSIONS],
    ['a version comparison still pending (before/after meanwhile)', Comparison.Versions, Verdict.Watch, null, SERIES],
    ['before/after', Comparison.BeforeAfter, Verdict.RollBack, null, SERIES],
    ['the whole service', Comparison.Service, Verdict.Healthy, null, SERIES],
  ])('counts %s as the engine does', (_, comparison, verdict, versions, expected) => {
    expect(countingOf(impact(comparison, verdict, versions, okSeries), deploy, WINDOW)).toStrictEqual(expected);
  });

  describe('edge cases', () => {
    it('counts the series when the deploy has no version to align on, and names no service when it has none', () => {
      expect(countingOf(impact(Comparison.Versions, Verdict.RollBack, COMPARED, okSeries), {}, WINDOW)).toStrictEqual({ by: 'series', ids: ['v1', 'v2'], service: null });
    });
  });
});
