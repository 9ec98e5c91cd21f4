import { shortCount } from './MarkerButton';

describe('shortCount', () => {
  it.each([
    [1, '1'],
    [302, '302'],
    [999, '999'],
    [1_000, '1k'],
    [2_999, '2k'],
    [20_000, '20k'],
    [99_999, '99k'],
    [100_000, '99k+'],
    [1_000_000, '99k+'],
  ])('writes a cluster of %i events as %s: three digits at most, the exact count left to its name', (count, text) => {
    expect(shortCount(count)).toBe(text);
  });
});
