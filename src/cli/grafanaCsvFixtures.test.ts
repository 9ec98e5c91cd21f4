// The CSV fixtures of the command-line tests are Grafana's own output: this test writes each
// one with @grafana/data's `toCSV`, configured as Inspect → Data → Download CSV configures it
// (grafana/grafana public/app/features/inspector: `downloadDataFrameAsCsv`, `InspectDataTab`),
// and fails when a committed file differs. SAFEDEPLOY_WRITE_FIXTURES=1 rewrites them.
import fs from 'fs';
import path from 'path';
import { createTheme, FieldType, getDisplayProcessor, toCSV, toDataFrame } from '@grafana/data';

const DIR = path.join(__dirname, 'fixtures', 'grafana-csv');
const START = Date.UTC(2026, 0, 5);
const MINUTE = 60_000;

/** 12 hours of errors per minute, +40 from minute 600: the deploy at minute 600 broke something. */
function frame(formatted: boolean) {
  const df = toDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: Array.from({ length: 720 }, (_, i) => START + i * MINUTE) },
      {
        name: 'errors',
        type: FieldType.number,
        values: Array.from({ length: 720 }, (_, i) => 10 + (i % 5) + (i >= 600 ? 40 : 0)),
      },
    ],
  });
  if (formatted) {
    // "Formatted data" on: each value goes through the field's display processor, times in the dashboard's zone.
    const theme = createTheme();
    for (const field of df.fields) {
      field.display = getDisplayProcessor({ field, theme, timeZone: 'utc' });
    }
  }
  return df;
}

function utf16le(text: string): Buffer {
  // Grafana's Excel mode: a UTF-16LE byte-order mark and the text as 16-bit code units.
  return Buffer.from(new Uint16Array(Array.from('\ufeff' + text).map((c) => c.charCodeAt(0))).buffer);
}

const FILES: Record<string, () => Buffer> = {
  // Default download, formatted data, a locale whose list separator is a comma (en).
  'formatted-comma.csv': () => Buffer.from(toCSV([frame(true)], { delimiter: ',' })),
  // The same in a locale whose list separator is a semicolon (de, fr, ...).
  'formatted-semicolon.csv': () => Buffer.from(toCSV([frame(true)], { delimiter: ';' })),
  // "Formatted data" off: times as epoch ms.
  'raw-comma.csv': () => Buffer.from(toCSV([frame(false)], { delimiter: ',' })),
  // CONSTRUCTED: Grafana's text behind a UTF-8 byte-order mark, as reported from the field and as
  // Excel's "CSV UTF-8" saves it; the 12.4 download itself writes no mark in UTF-8.
  'formatted-bom.csv': () => Buffer.from('\ufeff' + toCSV([frame(true)], { delimiter: ',' })),
  // "Download for Excel" in Grafana 10+: UTF-16LE with a byte-order mark, tab between cells.
  'excel-utf16-tab.csv': () => utf16le(toCSV([frame(true)], { delimiter: '\t' })),
  // "Download for Excel" before Grafana 10: an Excel `sep=` first line.
  'excel-sep-line.csv': () => Buffer.from(toCSV([frame(true)], { delimiter: ';', useExcelHeader: true })),
};

describe("Grafana's CSV download, as the command-line fixtures hold it", () => {
  it.each(Object.keys(FILES))('%s is what Grafana writes', (name) => {
    const expected = FILES[name]();
    const file = path.join(DIR, name);
    if (process.env.SAFEDEPLOY_WRITE_FIXTURES === '1') {
      fs.writeFileSync(file, expected);
    }
    expect(fs.readFileSync(file).equals(expected)).toBe(true);
  });

  it('writes a quoted header, CRLF between rows and wall-clock times when formatted', () => {
    const text = FILES['formatted-comma.csv']().toString('utf8');
    expect(text.split('\r\n').slice(0, 2)).toStrictEqual(['"Time","errors"', '2026-01-05 00:00:00,10']);
  });
});
