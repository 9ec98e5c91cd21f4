import { DataFrame, FieldType, toDataFrame } from '@grafana/data';

import { judgeInputs } from '../../frames/extractSeries';
import { requestsCaveat } from './requestsCaveat';

const series = (name: string) =>
  toDataFrame({ refId: name, fields: [{ name: 'time', type: FieldType.time, values: [1, 2] }, { name, type: FieldType.number, values: [1, 2] }] });

/** requestsCaveat as the panel calls it: with what judgeInputs found in the frames. */
function caveat(frames: DataFrame[], requestsMatch: string, queryErrors: string[] = [], asCounts?: string[]) {
  const judged = judgeInputs(frames, { seriesMatch: 'errors', requestsMatch });
  return requestsCaveat(requestsMatch, judged.requestsFound, queryErrors, asCounts ?? judged.asCounts);
}

describe('requestsCaveat', () => {
  it('says the errors were judged as counts when no series matches Requests series, with why', () => {
    expect(caveat([series('checkout errors')], 'requests', ['Query RA: timeout'])).toBe(
      'Judged as error counts, not ratios: no series matches "Requests series" ("requests"); Query RA: timeout'
    );
  });

  it('says nothing when Requests series is empty or matches a series', () => {
    expect(caveat([series('checkout errors')], '  ')).toBeNull();
    expect(caveat([series('checkout errors'), series('checkout requests')], 'requests')).toBeNull();
  });

  it('says why each series is judged as a count: no requests of its own, or requests it cannot be told to own', () => {
    expect(requestsCaveat('requests', 4, [], ['search errors'], ['checkout errors a', 'checkout errors b'])).toBe(
      'Judged as error counts, not ratios: search errors (no requests series of the same service and version); ' +
        'checkout errors a, checkout errors b (several requests series and error series share their service and version: sum both queries by the same labels)'
    );
  });

  it('names the series judged as counts when others have their requests', () => {
    expect(caveat([series('search errors'), series('checkout requests')], 'requests', [], ['search errors'])).toBe(
      'Judged as error counts, not ratios: search errors (no requests series of the same service and version)'
    );
  });
});
