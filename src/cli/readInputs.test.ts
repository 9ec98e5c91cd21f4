import fs from 'fs';
import os from 'os';
import path from 'path';

import { readSeriesFile, UsageError } from './readInputs';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-inputs-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A file in the test's directory; CONSTRUCTED contents in the documented input shapes. */
function file(name: string, text: string): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, text);
  return at;
}

describe('readSeriesFile', () => {
  it('says when rows of a JSON series share a time, since the engine averages them', () => {
    const notes: string[] = [];
    const at = file('shared.json', JSON.stringify([{ time: 1767607200000, value: 1 }, { time: 1767607200000, value: 3 }, { time: 1767607260000, value: 2 }]));
    readSeriesFile(at, (n) => notes.push(n));
    expect(notes).toStrictEqual([`${at}: 1 row repeats the time of an earlier row; rows that share a time are averaged.`]);
  });

  it('refuses a relative time in a JSON series, as docs/cli.md says, naming the row', () => {
    const at = file('relative.json', JSON.stringify([{ time: 1767607200000, value: 1 }, { time: 'now-1h', value: 3 }]));
    expect(() => readSeriesFile(at)).toThrow(new UsageError(`${at}: row 2 has the relative time "now-1h"; relative times such as now-1h are not read from files, which must read the same whenever they are read`));
  });

  it('says how many rows of a JSON series have no readable time, instead of dropping them unsaid', () => {
    const notes: string[] = [];
    const at = file('untimed.json', JSON.stringify([{ time: 1767607200000, value: 1 }, { time: '2026-02-30 10:00:00', value: 3 }, { value: 2 }]));
    readSeriesFile(at, (n) => notes.push(n));
    expect(notes).toStrictEqual([`${at}: 2 of 3 rows have no readable time and were skipped.`]);
  });

  it('refuses a CSV in long form (rows that repeat a time) as a usage error', () => {
    const at = file('long.csv', '"Time","code","Value"\r\n1767607200000,500,1\r\n1767607200000,503,2');
    expect(() => readSeriesFile(at)).toThrow(UsageError);
  });
});
