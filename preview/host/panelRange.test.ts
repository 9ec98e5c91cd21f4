import { dateTime, TimeRange } from '@grafana/data';

import { panelRange } from './panelRange';

const NOW = Date.UTC(2026, 0, 7, 15);
const HOUR = 3_600_000;
const lastSixHours: TimeRange = { from: dateTime(NOW - 6 * HOUR), to: dateTime(NOW), raw: { from: 'now-6h', to: 'now' } };
const absolute: TimeRange = { from: dateTime(NOW - 3 * HOUR), to: dateTime(NOW - 2 * HOUR), raw: { from: dateTime(NOW - 3 * HOUR), to: dateTime(NOW - 2 * HOUR) } };

const span = (range: TimeRange) => [range.from.valueOf(), range.to.valueOf()];

describe("a panel's own time range (Relative time, Time shift)", () => {
  beforeEach(() => {
    jest.useFakeTimers().setSystemTime(NOW);
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('queries the last `timeFrom` up to now on a dashboard with a relative range', () => {
    expect(span(panelRange(lastSixHours, { timeFrom: '7d' }, 'utc'))).toStrictEqual([NOW - 7 * 24 * HOUR, NOW]);
  });

  it('follows an absolute dashboard range (after a zoom) whatever its `timeFrom`', () => {
    expect(span(panelRange(absolute, { timeFrom: '7d' }, 'utc'))).toStrictEqual(span(absolute));
  });

  it('moves both ends back by `timeShift`, after `timeFrom`', () => {
    expect(span(panelRange(lastSixHours, { timeShift: '1d' }, 'utc'))).toStrictEqual([NOW - 30 * HOUR, NOW - 24 * HOUR]);
    expect(span(panelRange(lastSixHours, { timeFrom: '2h', timeShift: '1h' }, 'utc'))).toStrictEqual([NOW - 3 * HOUR, NOW - HOUR]);
  });

  describe('edge cases', () => {
    it('leaves the range as it was for an option that is not a time span', () => {
      expect(span(panelRange(lastSixHours, { timeFrom: 'soon' }, 'utc'))).toStrictEqual(span(lastSixHours));
      expect(span(panelRange(lastSixHours, { timeShift: 'later' }, 'utc'))).toStrictEqual(span(lastSixHours));
    });
  });
});
