/**
 * @jest-environment node
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { startFakeGitHub } from '../../preview/demo/fakeGitHub.mjs';
import { main } from './main';
import { parseDuration, parseTime } from './parseTime';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5);

function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return main(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, now: () => START + 24 * 60 * MINUTE }).then((code) => ({
    code,
    stdout: out.join(''),
    stderr: err.join(''),
  }));
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-cli-'));
  const rows = ['timestamp,value'];
  for (let i = 0; i < 12 * 60; i++) {
    const t = START + i * MINUTE;
    const spike = i >= 600 ? 40 : 0;
    rows.push(`${new Date(t).toISOString().replace('T', ' ').slice(0, 19)},${10 + (i % 5) + spike}`);
  }
  fs.writeFileSync(path.join(dir, 'errors.csv'), rows.join('\n'));
  fs.writeFileSync(path.join(dir, 'requests.csv'), ['timestamp,value', ...rows.slice(1).map((r) => `${r.split(',')[0]},1000`)].join('\n'));
  fs.writeFileSync(
    path.join(dir, 'errors.json'),
    JSON.stringify(rows.slice(1).map((r) => ({ time: Date.parse(r.split(',')[0].replace(' ', 'T') + 'Z'), value: Number(r.split(',')[1]) })))
  );
  fs.writeFileSync(
    path.join(dir, 'events.json'),
    JSON.stringify([
      { time: new Date(START + 600 * MINUTE).toISOString(), id: 'bad', service: 'web', title: 'Deploy v2' },
      { time: START + 300 * MINUTE, id: 'fine' },
    ])
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The one line score writes per CSV file: which columns it read. */
const columnsNote = (name: string) =>
  `safedeploy: note: ${path.join(dir, name)}: time from column "timestamp", value from column "value"; times without an offset read in UTC.\n`;

describe('safedeploy score', () => {
  it('prints one JSON object with a result per event, in the order of the events file', async () => {
    const result = await run(['score', '--series', path.join(dir, 'errors.csv'), '--events', path.join(dir, 'events.json')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(columnsNote('errors.csv'));
    const body = JSON.parse(result.stdout);
    expect(body.events.map((e: { id: string }) => e.id)).toStrictEqual(['bad', 'fine']);
    expect(body.events[0]).toMatchObject({ verdict: 'roll_back', service: 'web', title: 'Deploy v2', fixedBy: null });
    expect(body.events[0].score).toBeGreaterThan(50);
    expect(body.events[0].series[0].seriesId).toBe('errors');
    expect(body.events[1].verdict).toBe('healthy');
    expect(result.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('reads JSON series the same as CSV', async () => {
    const csv = JSON.parse((await run(['score', '--series', path.join(dir, 'errors.csv'), '--events', path.join(dir, 'events.json')])).stdout);
    const json = JSON.parse((await run(['score', '--series', path.join(dir, 'errors.json'), '--events', path.join(dir, 'events.json')])).stdout);
    expect(json.events.map((e: { score: number }) => e.score)).toStrictEqual(csv.events.map((e: { score: number }) => e.score));
  });

  it('prints a table for people', async () => {
    const result = await run(['score', '--series', path.join(dir, 'errors.csv'), '--events', path.join(dir, 'events.json'), '--format', 'table']);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^time\s+id\s+score\s+verdict\s+size\s+judged by\s+after\s+main reason$/);
    expect(lines[1]).toMatch(/^2026-01-05T10:00:00Z\s+bad\s+\d+\s+roll_back\s+peak [\d.]+x, about [\d,]+ extra over \d+ (min|h)\s+before\/after\s+\d+ samples? \(\d+ min after the event\)\s+errors /);
  });

  it('says in the table after how many samples (and how many minutes after the event the last was taken) each verdict was reached', async () => {
    const args = ['score', '--series', path.join(dir, 'errors.csv'), '--events', path.join(dir, 'events.json')];
    const json = JSON.parse((await run(args)).stdout);
    const lines = (await run([...args, '--format', 'table'])).stdout.trim().split('\n');
    const [bad, fine] = json.events.map((e: { decidedAfterSamples: number }) => e.decidedAfterSamples);
    // One-minute samples from the event on: the n-th is n − 1 minutes after it, as the gate's report says. A step of four times the level is decided before the 30-minute window ends.
    expect(bad).toBeLessThan(30);
    expect(lines[1]).toContain(`  ${bad} sample${bad === 1 ? '' : 's'} (${bad - 1} min after the event)  `);
    expect(lines[2]).toContain(`  ${fine} samples (${fine - 1} min after the event)  `);
  });

  it('says how much of the error budget each change burned, given an SLO and the totals', async () => {
    const result = await run([
      'score',
      '--series',
      path.join(dir, 'errors.csv'),
      '--total',
      path.join(dir, 'requests.csv'),
      '--events',
      path.join(dir, 'events.json'),
      '--slo',
      '99.9',
      '--slo-window',
      '30d',
      '--format',
      'table',
    ]);
    expect(result.stderr).toBe(columnsNote('errors.csv') + columnsNote('requests.csv'));
    expect(result.stdout.split('\n')[1]).toMatch(/about [\d,]+ extra over \d+ (min|h), [\d.]+% of the 30-day error budget\s/);
    const json = JSON.parse((await run(['score', '--series', path.join(dir, 'errors.csv'), '--total', path.join(dir, 'requests.csv'), '--events', path.join(dir, 'events.json'), '--slo', '99.9', '--slo-window', '30d'])).stdout);
    const spike = json.events[0].spike;
    // 1,000 requests a minute: the 30-day budget at 99.9% is 43,200 errors.
    expect(spike.budgetBurned).toBeCloseTo(spike.excess / 43_200, 9);
  });

  it('reads nothing after time + after when --after is given', async () => {
    const result = await run(['score', '--series', path.join(dir, 'errors.csv'), '--events', path.join(dir, 'events.json'), '--after', '20m']);
    const [bad] = JSON.parse(result.stdout).events;
    expect(bad.series[0].impact.to).toBeLessThan(START + 620 * MINUTE);
    expect(bad.series[0].recoveredAt).toBeNull();
    expect(bad.series[0].durationMs).toBeLessThanOrEqual(20 * MINUTE);
  });

  it.each([
    [['score', '--events', 'x.json'], 'safedeploy: --series FILE is required (repeat it for several series)\n'],
    [['score', '--series', 'a.csv'], 'safedeploy: --events FILE is required\n'],
    [['score', '--series', 'missing.csv', '--events', 'x.json'], 'safedeploy: cannot read series file missing.csv (ENOENT)\n'],
    [['score', '--series', 'a.csv', '--events', 'x.json', '--direction', 'sideways'], 'safedeploy: --direction must be up, down or either\n'],
    [['score', '--series', 'a.csv', '--events', 'x.json', '--after', 'soon'], 'safedeploy: --after must be a duration like 30m, 2h or 3600000ms\n'],
    [['score', '--series', 'a.csv', '--events', 'x.json', '--slo', '99.9'], 'safedeploy: --slo-window must be a duration like 30d or 7d\n'],
    [['score', '--series', 'a.csv', '--events', 'x.json', '--slo', '100', '--slo-window', '30d'], 'safedeploy: --slo must be a percentage between 0 and 100, like 99.9\n'],
    [['score', '--series', 'a.csv', '--series', 'b.csv', '--total', 't.csv', '--events', 'x.json'], 'safedeploy: --total is given 1 times for 2 --series; give one total per series, in the same order\n'],
    [['score', '--series', 'a.csv', '--events', 'x.json', '--slo', '99.9', '--slo-window', '30d'], 'safedeploy: --slo needs what the errors are a share of: give --total (one per --series) or, for series that are already error ratios, --error-ratio\n'],
    [['score', '--series', 'a.csv', '--events', 'x.json', '--slo', '0x10', '--slo-window', '30d', '--error-ratio'], 'safedeploy: --slo must be a percentage between 0 and 100, like 99.9\n'],
    [['score', '--series', '--events', 'x.json'], 'safedeploy: --series has no value: the argument after it starts with a dash. Give its value (an empty variable leaves none), or write --series=VALUE for a value that starts with a dash\n'],
    [['deploy'], 'safedeploy: unknown command "deploy"; use "events", "score", "gate" or "guard" (--help for usage)\n'],
  ])('fails with one clear line for %j', async (args, message) => {
    const result = await run(args as string[]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(message);
    expect(result.stdout).toBe('');
  });

  it('rejects a CSV without a time column, naming the columns it found', async () => {
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'when,how much\n1,2\n');
    const result = await run(['score', '--series', path.join(dir, 'bad.csv'), '--events', path.join(dir, 'events.json')]);
    expect(result.stderr).toBe(`safedeploy: ${path.join(dir, 'bad.csv')}: no time column: name one "Time" or "timestamp" (columns: "when", "how much")\n`);
  });
});

describe('safedeploy events', () => {
  const token = 'ghp_cliTestToken0123456789abcdef';

  it('prints GitHub events sorted by time, reading the token from the named variable', async () => {
    const github = await startFakeGitHub({
      token,
      repos: {
        'shop/web': [2, 1, 3].map((n) => ({
          id: n,
          sha: String(n).repeat(40),
          ref: `v${n}`,
          environment: 'production',
          createdAt: START + n * 60 * MINUTE,
          statuses: [{ id: n, state: 'success', createdAt: START + n * 60 * MINUTE + MINUTE }],
        })),
      },
    });
    try {
      const result = await run(['events', '--provider', 'github', '--url', github.url, '--scope', 'shop/web', '--from', '2026-01-05T00:00:00Z', '--to', 'now', '--token-env', 'GH', '--shipped-changes'], { GH: token });
      expect(result.stderr).toBe('safedeploy: info: GitHub: read deployments of shop/web via GraphQL.\n');
      expect(result.code).toBe(0);
      const events = JSON.parse(result.stdout);
      expect(events.map((e: { version: string }) => e.version)).toStrictEqual(['v1', 'v2', 'v3']);
      // one page of deployments, then the pull requests of each deploy that has a previous one
      expect(github.stats.graphqlRequests - github.stats.shippedPullsRequests).toBe(1);
      expect(github.stats.shippedPullsRequests).toBe(2);
      expect(github.stats.requests).toBe(3);
      expect(events.map((e: { mergedChanges?: number }) => e.mergedChanges)).toStrictEqual([undefined, 3, 4]);
      expect(github.stats.authorization.every((a: string) => a === `Bearer ${token}`)).toBe(true);
      expect(result.stdout).not.toContain(token);

      const ndjson = await run(['events', '--provider', 'github', '--url', github.url, '--scope', 'shop/web', '--token-env', 'GH', '--format', 'ndjson'], { GH: token });
      const lines = ndjson.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((e) => e.version)).toStrictEqual(['v1', 'v2', 'v3']);
      // Without --shipped-changes: no lookups, and no counts that would read as zero.
      expect(github.stats.shippedPullsRequests).toBe(2);
      expect(lines.map((e) => e.mergedChanges)).toStrictEqual([undefined, undefined, undefined]);
    } finally {
      await github.close();
    }
  });

  it('fails with the API message and a non-zero status when nothing could be read', async () => {
    const github = await startFakeGitHub({ token, repos: { 'shop/web': [] } });
    try {
      // Not a word of the message: a short secret is removed wherever it stands alone, even as the word "wrong".
      const result = await run(['events', '--provider', 'github', '--url', github.url, '--scope', 'shop/web', '--token-env', 'GH'], { GH: 'ghx-not-the-token' });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'safedeploy: error: github returned 401 for /graphql (Bad credentials): the token in the environment variable named by --token-env is missing, wrong or expired.\n'
      );
    } finally {
      await github.close();
    }
  });

  it.each([
    [['events', '--provider', 'svn', '--url', 'http://x', '--scope', 'a'], 'safedeploy: --provider must be one of github, gitlab, jenkins, argocd, cdevents, unleash, launchdarkly, kubernetes, grafana\n'],
    [['events', '--provider', 'github', '--url', 'ftp://x', '--scope', 'a'], 'safedeploy: --url must be the http(s) base URL of the API\n'],
    [['events', '--provider', 'github', '--url', 'http://x', '--scope', 'a', '--token-env', 'NOPE'], 'safedeploy: the environment variable NOPE named by --token-env is empty or unset\n'],
    [['events', '--provider', 'jenkins', '--url', 'https://ci-bot:s3cr3t@jenkins.example.com', '--scope', 'a'], 'safedeploy: --url must not carry credentials (user:password@); put the token in an environment variable named by --token-env\n'],
    [
      ['gate', '--prometheus', 'http://p', '--query', 'q', '--deploy-time', 'now', '--service', 'a', '--grafana-url', 'https://admin:s3cr3t@grafana.example.com/d/x'],
      'safedeploy: --grafana-url must not carry credentials (user:password@); the annotation token goes in an environment variable named by --grafana-token-env\n',
    ],
    [['events', '--provider', 'github', '--url', 'http://x', '--scope', 'a', '--from', 'yesterday'], "safedeploy: --from and --to must be times (ISO 8601, epoch ms, or Grafana's relative time such as now-7d or now-1d/d) with from before to\n"],
  ])('rejects bad options with one line: %j', async (args, message) => {
    const result = await run(args as string[]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(message);
  });
});

describe('time and duration parsing', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  it.each([
    ['now', now],
    ['now-7d', now - 7 * 86_400_000],
    ['now-15m', now - 15 * MINUTE],
    ['2026-01-01T10:00:00Z', Date.UTC(2026, 0, 1, 10)],
    ['2026-01-01 10:00:00', Date.UTC(2026, 0, 1, 10)],
    ['1767261600000', 1767261600000],
    ['soon', null],
  ])('parseTime(%s)', (text, expected) => {
    expect(parseTime(text, now)).toBe(expected);
  });

  it.each([
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['3600000ms', 3_600_000],
    ['1.5h', 5_400_000],
    ['-1h', null],
    ['h', null],
  ])('parseDuration(%s)', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });
});
