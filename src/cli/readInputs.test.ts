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

  it('refuses a CSV in long form (rows that repeat a time) as a usage error', () => {
    const at = file('long.csv', '"Time","code","Value"\r\n1767607200000,500,1\r\n1767607200000,503,2');
    expect(() => readSeriesFile(at)).toThrow(UsageError);
  });
});
