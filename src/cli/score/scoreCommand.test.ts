/**
 * @jest-environment node
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { main } from '../main';
import { runWrites } from '../testing/runWrites';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5);
const DEPLOY = START + 2 * 1440 * MINUTE;
/** The command's clock: after every file's end, so that nothing is read against the machine's clock. */
const NOW = Date.UTC(2026, 11, 6);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-score-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, text);
  return at;
}

async function score(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['score', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, now: () => NOW });
  return { code, stdout, stderr, json: code === 0 && stdout.startsWith('{') ? JSON.parse(stdout) : null };
}

/** CONSTRUCTED in the shape of Grafana's raw CSV download: errors per minute around 12, `value(t)` from the deploy on. */
function errorsCsv(after: (t: number) => string, end = DEPLOY + 180 * MINUTE): string {
  const rows = ['"Time","errors"'];
  for (let t = START; t < end; t += MINUTE) {
    rows.push(`${t},${t < DEPLOY ? 10 + ((t / MINUTE) % 5) : after(t)}`);
  }
  return rows.join('\r\n');
}

describe('score reads "now" from the files', () => {
  const events = () => file('deploy.json', JSON.stringify([{ id: 'v2', time: DEPLOY }]));

  it('reads a series whose values stop at the deploy, in a file that runs on, as stopped rather than waiting', async () => {
    const r = await score(['--series', file('vanished.csv', errorsCsv(() => '')), '--events', events()]);
    const [event] = r.json.events;
    expect(event.verdict).toBe('insufficient_data');
    expect(event.reasons.join(' ')).not.toMatch(/waiting for/);
  });

  it('still waits for values when the file itself ends at the deploy', async () => {
    const r = await score(['--series', file('ends.csv', errorsCsv(() => '', DEPLOY + MINUTE)), '--events', events()]);
    expect(r.json.events[0].verdict).toBe('watch');
  });
});

describe('score reads event times as the series', () => {
  const deploy = Date.UTC(2026, 0, 7, 9); // 10:00 in Berlin (CET)
  /** Grafana's formatted download in Europe/Berlin (CET, UTC+1 in January): wall clocks, errors x4 from the deploy. CONSTRUCTED. */
  function berlinCsv(): string {
    const rows = ['"Time","errors"'];
    for (let t = START; t < deploy + 180 * MINUTE; t += MINUTE) {
      const wall = new Date(t + 60 * MINUTE).toISOString().replace('T', ' ').slice(0, 19);
      rows.push(`${wall},${10 + ((t / MINUTE) % 5) + (t >= deploy ? 40 : 0)}`);
    }
    return rows.join('\r\n');
  }

  it.each([
    ['2026-01-07 10:00:00', 'a wall clock, read in --timezone'],
    ['2026-01-07T10:00:00+01:00', 'an offset, which wins'],
    ['2026-01-07T09:00:00Z', 'UTC'],
  ])('reads an event time of %s (%s) at the deploy', async (time) => {
    const events = file('berlin-deploy.json', JSON.stringify([{ id: 'v2', time }]));
    const r = await score(['--series', file('berlin.csv', berlinCsv()), '--events', events, '--timezone', 'Europe/Berlin']);
    expect(r.json.events[0].time).toBe(deploy);
    expect(r.json.events[0].verdict).toBe('roll_back');
  });

  it.each(['now-1h', 'now'])('refuses an event time of %s: a file is read the same whenever it is read', async (time) => {
    const events = file('relative.json', JSON.stringify([{ id: 'v2', time }]));
    const r = await score(['--series', file('berlin.csv', berlinCsv()), '--events', events]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `safedeploy: ${events}: event 1 has no valid "time" (epoch ms, epoch seconds, ISO 8601 or YYYY-MM-DD HH:mm:ss); relative times such as now-1h are not read from files\n`
    );
  });
});

describe('score reads event ids and times as the providers write them', () => {
  const series = () => file('errors.csv', errorsCsv((t) => String(50 + ((t / MINUTE) % 5))));

  it('keeps numeric event ids (GitLab deployments, Grafana annotations) as the events\' ids', async () => {
    const events = file('numeric-ids.json', JSON.stringify([{ id: 4711, time: DEPLOY - 600 * MINUTE }, { id: 4712, time: DEPLOY }]));
    const r = await score(['--series', series(), '--events', events]);
    expect(r.json.events.map((e: { id: unknown }) => e.id)).toStrictEqual(['4711', '4712']);
  });

  it.each([
    ['nanoseconds', 1767607200000000000],
    ['negative nanoseconds', -1767607200000000000],
  ])('refuses an event time in %s in one line naming the unit, for the table as for JSON', async (_unit, time) => {
    const events = file('ns.json', JSON.stringify([{ id: 'v2', time: DEPLOY }, { id: 'ns', time }]));
    for (const format of ['table', 'json']) {
      const r = await score(['--series', series(), '--events', events, '--format', format]);
      expect({ code: r.code, stdout: r.stdout }).toStrictEqual({ code: 2, stdout: '' });
      expect(r.stderr).toBe(
        `safedeploy: ${events}: event 2 has the time ${time}, beyond any date (±8.64e15 ms); write epoch ms or seconds, not nanoseconds (19 digits) or microseconds (16)\n`
      );
    }
  });
});

describe('score writes its output as it goes', () => {
  it('writes JSON one event at a time, never the whole output as one string (100,000 events run past the longest string)', async () => {
    const times = Array.from({ length: 40 }, (_, i) => ({ id: `v${i}`, time: DEPLOY - (40 - i) * 60 * MINUTE }));
    const { code, writes } = await runWrites(['score', '--series', file('many.csv', errorsCsv(() => '12')), '--events', file('many.json', JSON.stringify(times))], {}, NOW);
    const text = writes.join('');
    expect(code).toBe(0);
    expect(JSON.parse(text).events.map((e: { id: string }) => e.id)).toStrictEqual(times.map((e) => e.id));
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(text.length / 20);
  });
});
