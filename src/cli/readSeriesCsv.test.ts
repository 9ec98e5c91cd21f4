import { createTheme, FieldType, getDisplayProcessor, toCSV, toDataFrame } from '@grafana/data';

import { CsvError, readSeriesCsv } from './readSeriesCsv';

const MINUTE = 60_000;

/** Grafana's CSV download with "Formatted data" on: times as wall clock in `timeZone` (Inspect → Data, toCSV). */
function grafanaCsv(times: number[], values: number[], timeZone: string, unit?: string): string {
  const df = toDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: times },
      { name: 'errors', type: FieldType.number, values, config: unit ? { unit } : {} },
    ],
  });
  const theme = createTheme();
  for (const field of df.fields) {
    field.display = getDisplayProcessor({ field, theme, timeZone });
  }
  return toCSV([df], { delimiter: ',' });
}

// CONSTRUCTED: small files in the shapes of Grafana's CSV download (see grafanaCsvFixtures.test.ts for real ones).
describe('readSeriesCsv', () => {
  it('reads a quoted header, CRLF and wall-clock times, and names the columns it took', () => {
    const read = readSeriesCsv('\ufeff"Time","errors"\r\n2026-01-05 10:00:00,3\r\n2026-01-05 10:01:00,4', {});
    expect(read).toStrictEqual({
      times: [Date.UTC(2026, 0, 5, 10), Date.UTC(2026, 0, 5, 10, 1)],
      values: [3, 4],
      notes: ['time from column "Time", value from column "errors"; times without an offset read in UTC.'],
    });
  });

  it('reads a decimal comma when cells are separated by semicolons', () => {
    expect(readSeriesCsv('"Time";"ratio"\r\n1767607200000;0,25\r\n1767607260000;1,5', {}).values).toStrictEqual([
      0.25, 1.5,
    ]);
  });

  it('finds the time column by its content when it has another name, and the first numeric column after it', () => {
    const read = readSeriesCsv('"host","when","p99"\r\nweb-1,2026-01-05T10:00:00Z,0.3', {});
    expect(read.times).toStrictEqual([Date.UTC(2026, 0, 5, 10)]);
    expect(read.values).toStrictEqual([0.3]);
    expect(read.notes[0]).toBe(
      'time from column "when", value from column "p99" (not read: "host"; choose with --value-column); times without an offset read in UTC.'
    );
  });

  describe('the night clocks go back', () => {
    // 24 Oct 2026 22:00Z to 25 Oct 03:00Z: Berlin's wall clock runs 02:00-02:59 twice (CEST, then CET).
    const times = Array.from({ length: 300 }, (_, i) => Date.UTC(2026, 9, 24, 22) + i * MINUTE);
    const values = times.map((_, i) => i);

    it('reads both copies of the repeated hour of a Grafana download to their own instants, and says so', () => {
      const read = readSeriesCsv(grafanaCsv(times, values, 'Europe/Berlin'), { timeZone: 'Europe/Berlin' });
      expect(read.times).toStrictEqual(times);
      expect(read.values).toStrictEqual(values);
      expect(read.notes.slice(1)).toStrictEqual([
        '120 rows fall in an hour the clocks repeat in Europe/Berlin (from 2026-10-25 02:00:00); read in file order, the first copy as the hour before the change and the second as the hour after.',
      ]);
    });

    it('says that rows of a repeated hour written out of order share a time, rather than merging them silently', () => {
      const text = grafanaCsv(times, values, 'Europe/Berlin').split('\r\n');
      const [header, ...rows] = text;
      const read = readSeriesCsv([header, ...rows.reverse()].join('\r\n'), { timeZone: 'Europe/Berlin' });
      expect(read.notes.slice(1)).toStrictEqual([
        '120 rows fall in an hour the clocks repeat in Europe/Berlin (from 2026-10-25 02:59:00); read in file order, the first copy as the hour before the change and the second as the hour after.',
        '60 rows repeat the time of an earlier row (first: row 121, 2026-10-25 02:59:00); rows that share a time are averaged.',
      ]);
    });

    it('read without --timezone, says the repeated hour may be a zone\'s and to give it, not only that the file holds two series', () => {
      expect(() => readSeriesCsv(grafanaCsv(times, values, 'Europe/Berlin'), {})).toThrow(/give its --timezone instead$/);
    });

    it('reads a wall clock in the hour clocks skip forward by the gap', () => {
      const read = readSeriesCsv('Time,errors\r\n2026-03-29 02:30:00,1', { timeZone: 'Europe/Berlin' });
      expect(read.times).toStrictEqual([Date.UTC(2026, 2, 29, 1, 30)]);
    });
  });

  describe("Grafana's table format (Time, labels, Value)", () => {
    // CONSTRUCTED in the shape Grafana's Prometheus query with "Format: Table" downloads: `sum by (code) (...)`.
    const long = ['"Time","code","Value"', '1767607200000,500,12.5', '1767607200000,503,2.25', '1767607260000,500,13.5', '1767607260000,503,3.25'];

    it('reads the Value column rather than a numeric label before it', () => {
      const read = readSeriesCsv(['"Time","code","Value"', '1767607200000,500,12.5', '1767607260000,500,13.5'].join('\r\n'), {});
      expect(read.values).toStrictEqual([12.5, 13.5]);
      expect(read.notes[0]).toBe(
        'time from column "Time", value from column "Value" (not read: "code"; choose with --value-column); times without an offset read in UTC.'
      );
    });

    it('reads "Value #A", as Grafana names the value of one of several queries', () => {
      const read = readSeriesCsv(['"Time","code","Value #A"', '1767607200000,500,12.5'].join('\r\n'), {});
      expect(read.values).toStrictEqual([12.5]);
    });

    it.each([[{}], [{ valueColumn: 'Value' }], [{ valueColumn: 'code' }]])(
      'refuses rows that repeat a time, naming the way to one series per file (%j)',
      (options) => {
        expect(() => readSeriesCsv(long.join('\r\n'), options)).toThrow(
          new CsvError(
            'row 2 repeats the time of an earlier row (1767607200000; 2 of 4 rows do), so the file holds more than one series, as Grafana\'s "Format: Table" writes them. One series per file: use Format: Time series in the query, or --value-column Value and one label value per file'
          )
        );
      }
    );
  });

  describe('values Grafana formatted with a unit', () => {
    const times = [0, 1, 2, 3].map((i) => Date.UTC(2026, 0, 5) + i * MINUTE);

    it.each([
      ['short', [600, 999, 4012, 3_456_789], '4.01 K'],
      ['reqps', [600, 999, 4012, 5000], '4.01K req/s'],
      ['bytes', [600, 999, 4012, 5000], '3.92 KiB'],
      ['ms', [600, 999, 4012, 5000], '4.01 s'],
      ['percent', [1, 2, 3, 4], '1%'],
    ])('refuses a column that Grafana wrote in the unit %s, saying to turn "Formatted data" off', (unit, values, first) => {
      const text = grafanaCsv(times, values, 'utc', unit);
      expect(text).toContain(first);
      expect(() => readSeriesCsv(text, {})).toThrow(/holds numbers with a unit or scale \(row \d: "[^"]+"\).*download the CSV with "Formatted data" off$/);
    });

    it('finds a column of numbers with units and refuses it, rather than passing over it', () => {
      expect(() => readSeriesCsv('"Time","host","latency"\r\n1767571200000,web-1,1.2 s\r\n1767571260000,web-1,1.3 s', {})).toThrow(
        'column "latency" holds numbers with a unit or scale (row 1: "1.2 s")'
      );
    });
  });

  describe('edge cases', () => {
    it('counts rows without a readable time and keeps the others', () => {
      const read = readSeriesCsv('Time,errors\r\nsoon,1\r\n2026-01-05 10:00:00,2', {});
      expect(read.times[0]).toBeNaN();
      expect(read.values).toStrictEqual([1, 2]);
      expect(read.notes[1]).toBe('1 of 2 rows have no readable time and were skipped.');
    });

    it('reads empty cells as gaps without counting them as unreadable', () => {
      const read = readSeriesCsv('Time,errors\r\n2026-01-05 10:00:00,\r\n2026-01-05 10:01:00,2', {});
      expect(read.values).toStrictEqual([null, 2]);
      expect(read.notes).toHaveLength(1);
    });

    it.each([
      ['"Time","errors"', 'expected a header line and at least one row'],
      ['"a","b"\r\nx,y', 'no time column: name one "Time" or "timestamp" (columns: "a", "b")'],
      ['"Time","host"\r\n2026-01-05 10:00:00,web', 'no numeric column besides the time column "Time"'],
    ])('refuses %j: %s', (text, message) => {
      expect(() => readSeriesCsv(text, {})).toThrow(new CsvError(message));
    });
  });
});
