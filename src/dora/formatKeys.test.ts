import { changesText } from './changesText';
import { formatMs, keyCells, summaryLine } from './formatKeys';
import { ServiceKeys } from './types';

// CONSTRUCTED keys: a service with deploys and flag changes, one failed change of each kind.
const keys = (over: Partial<ServiceKeys>): ServiceKeys => ({
  deploys: 7,
  flagChanges: 2,
  changes: 9,
  deploysPerDay: 0.25,
  leadTimeMedianMs: null,
  leadTimeSamples: 0,
  changeFailureRate: 2 / 9,
  changeFailureRateMax: 2 / 9,
  failed: 2,
  failedFlagChanges: 1,
  judged: 9,
  timeToRestoreMedianMs: 29 * 60_000,
  timeToRestoreWorstMs: 50 * 60_000,
  timeToRestoreMedianMaxMs: 29 * 60_000,
  unrestored: 0,
  ...over,
});

describe('summaryLine', () => {
  it("says the page's change count, failure rate and median restore", () => {
    expect(summaryLine(keys({}))).toBe(
      '9 changes (7 deploys and 2 flag changes) · change failure rate 22.2% · median time to restore 29 min'
    );
  });

  // CONSTRUCTED: changes without a verdict count as not failed, so the rate is a lower bound.
  it('says the change failure rate is a lower bound while changes without a verdict could raise it', () => {
    expect(summaryLine(keys({ judged: 6, changeFailureRateMax: 4 / 9 }))).toBe(
      '9 changes (7 deploys and 2 flag changes) · change failure rate at least 22.2% (judged 6 of 9) · median time to restore 29 min'
    );
  });

  // CONSTRUCTED: a failure still open at the end of the range counts as the time since it failed, a lower bound.
  it('says the median time to restore is a lower bound while failures are still open', () => {
    expect(summaryLine(keys({ unrestored: 1, timeToRestoreMedianMaxMs: null }))).toBe(
      '9 changes (7 deploys and 2 flag changes) · change failure rate 22.2% · median time to restore at least 29 min (1 not restored)'
    );
    // Open failures that cannot move the median leave it known.
    expect(summaryLine(keys({ unrestored: 1 }))).toBe(
      '9 changes (7 deploys and 2 flag changes) · change failure rate 22.2% · median time to restore 29 min (1 not restored)'
    );
  });

  it('says both rates are unknown, not 0%, when no change has a verdict', () => {
    expect(summaryLine(keys({ judged: 0, failed: 0, changeFailureRate: 0, timeToRestoreMedianMs: null }))).toBe(
      '9 changes (7 deploys and 2 flag changes) · change failure rate unknown (judged 0 of 9) · median time to restore unknown'
    );
  });

  it('says there were no failures instead of a restore time, and n/a without changes', () => {
    expect(
      summaryLine(
        keys({
          flagChanges: 0,
          changes: 0,
          deploys: 0,
          failed: 0,
          changeFailureRate: null,
          timeToRestoreMedianMs: null,
        })
      )
    ).toBe('0 deploys · change failure rate n/a · median time to restore no failures');
  });

  it('says what it counts but not the rates while verdicts are still coming', () => {
    expect(summaryLine(keys({}), true)).toBe('9 changes (7 deploys and 2 flag changes) · change failure rate … · median time to restore …');
  });
});

describe('formatMs', () => {
  // A restore 29 s after the deploy read "0 min": as if there had been no outage at all.
  it.each([
    [29_000, '29 s'],
    [59_000, '59 s'],
    [60_000, '1 min'],
    [29 * 60_000, '29 min'],
    [150 * 60_000, '2.5 h'],
    [3.5 * 86_400_000, '3.5 days'],
  ])('shows %p ms as %p', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });

  describe('edge cases', () => {
    it.each([
      [0, '0 s'],
      [1, 'under 1 s'],
      [499, 'under 1 s'],
      [59_499, '59 s'],
      [59_500, '1 min'],
    ])('never reads a short duration as 0 min: %p ms is %p', (ms, text) => {
      expect(formatMs(ms)).toBe(text);
    });

    it('says n/a for no duration', () => {
      expect(formatMs(null)).toBe('n/a');
    });
  });

  it('shows a median time to restore under a minute in seconds in the summary line', () => {
    expect(summaryLine(keys({ timeToRestoreMedianMs: 29_000, timeToRestoreMedianMaxMs: 29_000 }))).toBe(
      '9 changes (7 deploys and 2 flag changes) · change failure rate 22.2% · median time to restore 29 s'
    );
  });
});

describe('keyCells', () => {
  // Regression: a week whose changes had no verdict (its error metric failed) read "0%" and "No failures" beside the card's "Unknown".
  it('says Unknown for a week whose changes have no verdict, never an elite 0% or No failures', () => {
    expect(keyCells(keys({ judged: 0, failed: 0, changeFailureRate: 0, changeFailureRateMax: 1, timeToRestoreMedianMs: null }))).toStrictEqual({
      changeFailureRate: 'Unknown',
      timeToRestore: 'Unknown',
    });
  });

  it('says "at least" while changes without a verdict could raise the rate, and n/a without changes', () => {
    expect(keyCells(keys({ judged: 5, changeFailureRateMax: 6 / 9 })).changeFailureRate).toBe('at least 22.2% (judged 5 of 9)');
    expect(keyCells(keys({ changes: 0, deploys: 0, flagChanges: 0, judged: 0, failed: 0, changeFailureRate: null }))).toStrictEqual({
      changeFailureRate: 'n/a',
      timeToRestore: 'No failures',
    });
  });

  it('gives the median restore, with failures still open said', () => {
    expect(keyCells(keys({})).timeToRestore).toBe('29 min');
    expect(keyCells(keys({ unrestored: 1, timeToRestoreMedianMaxMs: 40 * 60_000 })).timeToRestore).toBe('at least 29 min (1 not restored)');
  });
});

describe('changesText', () => {
  it('counts one deploy in the singular, alone or beside flag changes', () => {
    expect(changesText(keys({ deploys: 1, flagChanges: 0, changes: 1 }))).toBe('1 deploy');
    expect(changesText(keys({ deploys: 1, flagChanges: 1, changes: 2 }))).toBe('2 changes (1 deploy and 1 flag change)');
    expect(changesText(keys({}))).toBe('9 changes (7 deploys and 2 flag changes)');
  });
});
