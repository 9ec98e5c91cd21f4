import { alignSeries } from './alignSeries';

describe('alignSeries', () => {
  it('joins series on different timestamps, with null where one has no value', () => {
    expect(
      alignSeries([
        { id: 'a', times: [1, 3], values: [10, 30] },
        { id: 'b', times: [2, 3], values: [20, NaN] },
      ])
    ).toStrictEqual([[1, 2, 3], [10, null, 30], [null, 20, null]]);
  });

  it('keeps series that share timestamps as they are', () => {
    expect(
      alignSeries([
        { id: 'a', times: [1, 2], values: [5, null] },
        { id: 'b', times: [1, 2], values: [6, 7] },
      ])
    ).toStrictEqual([[1, 2], [5, null], [6, 7]]);
  });

  it('sorts unsorted timestamps', () => {
    expect(alignSeries([{ id: 'a', times: [2, 1], values: [20, 10] }])).toStrictEqual([[1, 2], [10, 20]]);
  });
});
