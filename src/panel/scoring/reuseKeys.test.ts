import { EngineEvent, prepareScoringSeries, scorePreparedEvents, SeriesInput, Verdict, withDefaults } from '../../engine';
import { reuseKeys } from './reuseKeys';

// CONSTRUCTED: a cutover. errors and requests per minute of one service by version, as
// `sum by (service, version) (increase(...[1m]))` returns them: a day of v1, which stops at
// the deploy, and v2, whose first sample comes after it. The deploy lies outside v2's span,
// yet the whole-service judgement reads v2's samples after it.

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 2);
const DEPLOY = START + 1440 * MINUTE;
const EVENT: EngineEvent = { time: DEPLOY, id: 'checkout v2', service: 'checkout', version: 'v2', kind: 'deploy' };

function versionSeries(version: string, from: number, to: number, ratio: (i: number) => number): SeriesInput {
  const times: number[] = [];
  const errors: number[] = [];
  const requests: number[] = [];
  for (let i = from; i < to; i++) {
    const r = 1000 + (i % 7) * 10;
    times.push(START + i * MINUTE);
    requests.push(r);
    errors.push(Math.round(r * ratio(i)) + (i % 3));
  }
  return { id: `errors ${version}`, name: `checkout errors ${version}`, service: 'checkout', version, times, values: errors, total: { times, values: requests } };
}

/** The cutover with v2's error ratio `early` over its first 18 minutes, then 1% as v1's. */
function cutover(early: number) {
  const series = prepareScoringSeries([versionSeries('v1', 0, 1442, () => 0.01), versionSeries('v2', 1442, 1500, (i) => (i < 1460 ? early : 0.01))]);
  const options = withDefaults({});
  return { result: scorePreparedEvents(series, [EVENT], options)[0], key: reuseKeys(series, [EVENT], options)[0] };
}

describe('reuseKeys', () => {
  it("changes a cutover's key when the new version's samples after the deploy change (the whole service reads them)", () => {
    const same = cutover(0.01);
    const broken = cutover(0.08);
    // The samples decide the verdict, so the key must tell the two apart.
    expect(same.result.verdict).toBe(Verdict.Healthy);
    expect(broken.result.verdict).not.toBe(Verdict.Healthy);
    expect(broken.key).not.toBe(same.key);
    expect(cutover(0.01).key).toBe(same.key);
  });

  it('keys a series with no version that the event lies outside by its bounds and step alone', () => {
    const options = withDefaults({});
    const later = (shift: number) =>
      prepareScoringSeries([{ id: 'latency', name: 'latency', times: [DEPLOY + 5 * MINUTE, DEPLOY + 6 * MINUTE, DEPLOY + 7 * MINUTE], values: [1, 2 + shift, 3] }]);
    expect(reuseKeys(later(0), [EVENT], options)[0]).toBe(reuseKeys(later(5), [EVENT], options)[0]);
  });
});
