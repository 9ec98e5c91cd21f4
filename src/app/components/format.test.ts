import { formatDeploys, formatFrequency } from './format';

describe('formatFrequency', () => {
  it.each([
    [3, '3 / day'],
    [12.4, '12 / day'],
    [1.25, '1.3 / day'],
    [0.5, '3.5 / week'],
    // Monthly, the medium band's bound: 0.2 / week would read as less than monthly.
    [1 / 30, '0.24 / week'],
  ])('shows %p deploys a day as %p', (perDay, text) => {
    expect(formatFrequency(perDay)).toBe(text);
  });

  describe('edge cases', () => {
    // One deploy in a year read "1 deploys · 0 / week": a frequency that is there never rounds to none.
    it.each([
      [1 / 365, '0.02 / week'],
      [1 / 3650, '0.002 / week'],
    ])('never shows a frequency above zero as 0: %p a day is %p', (perDay, text) => {
      expect(formatFrequency(perDay)).toBe(text);
    });
  });
});

describe('formatDeploys', () => {
  it.each([
    [0, '0 deploys'],
    [1, '1 deploy'],
    [2, '2 deploys'],
  ])('counts %p as %p', (n, text) => {
    expect(formatDeploys(n)).toBe(text);
  });
});
