import { evenOffsets, offsetCache } from './evenOffsets';

describe('evenOffsets', () => {
  it.each([
    ['four of ten', 10, 4, [0, 3, 6, 9]],
    ['as many as there are', 5, 5, [0, 1, 2, 3, 4]],
    ['three of a hundred', 100, 3, [0, 49, 99]],
    ['one', 7, 1, [0]],
  ])('spreads %s evenly from the first to the last', (_, count, k, expected) => {
    expect(Array.from(evenOffsets(offsetCache(8), count, k).subarray(0, k))).toStrictEqual(expected);
  });

  it('works the offsets out again when the count or k changes, and not otherwise', () => {
    const cache = offsetCache(4);
    const first = evenOffsets(cache, 10, 4);
    expect(Array.from(first)).toStrictEqual([0, 3, 6, 9]);
    first[1] = -1;
    // The same count and k: the kept offsets, as they are.
    expect(evenOffsets(cache, 10, 4)[1]).toBe(-1);
    expect(Array.from(evenOffsets(cache, 13, 4))).toStrictEqual([0, 4, 8, 12]);
    expect(Array.from(evenOffsets(cache, 13, 3).subarray(0, 3))).toStrictEqual([0, 6, 12]);
  });
});
