import { createHttpClient } from '../../http/createHttpClient';
import { Transport } from '../../http/types';
import { readEvents } from '../readEvents';
import { readFixture } from '../testing/fixtures';
import { EventKind, EventSource } from '../types';
import { parseFlagResource, parseLaunchDarklyEntry } from './readLaunchDarkly';

describe('LaunchDarkly audit log parser', () => {
  const { items } = readFixture('launchdarkly/auditlog_list_CONSTRUCTED.json') as { items: unknown[] };

  it.each([
    ['turned off', items[0], { fromState: 'on', toState: 'off', environment: 'production', author: 'Sam Lee', time: 1718019000000 }],
    ['turned on', items[1], { fromState: 'off', toState: 'on', environment: 'production', author: 'Ada Park', time: 1718018520000 }],
    ['targeting changed', items[2], { fromState: '', toState: 'default rule changed', environment: 'staging' }],
  ])('reads a flag %s in one environment', (_, item, expected) => {
    expect(parseLaunchDarklyEntry(item)).toMatchObject({ source: EventSource.LaunchDarkly, kind: EventKind.Flag, flagKey: 'new-checkout', ...expected });
  });

  it('keeps the comment and names the flag in the title', () => {
    expect(parseLaunchDarklyEntry(items[0])).toMatchObject({
      id: 'launchdarkly:6666a1f0c0ffee0000000004',
      title: 'Flag New checkout turned off in production',
      text: 'errors up, turning it off\nTurned off the flag',
      tags: ['project:shop', 'flag:new-checkout'],
      url: null,
    });
  });

  it('reads project, environment and flag out of a resource specifier with tags', () => {
    expect(parseFlagResource('proj/shop:env/staging;qa:flag/new-checkout')).toStrictEqual({ project: 'shop', environment: 'staging', flagKey: 'new-checkout' });
    expect(parseFlagResource('member/2')).toBeNull();
  });

  describe('edge cases', () => {
    it.each([
      ['flag creation (all environments)', items[3], 'not a flag change in one environment'],
      ['a member change', items[4], 'not a flag change in one environment'],
      ["LaunchDarkly's own sample entry, an environment rename", readFixture('launchdarkly/auditlog_entry_spec_sample.json'), 'not a flag change in one environment'],
      ['not an object', 7, 'not an object'],
      ['no id', { date: 1718018520000 }, 'missing _id'],
      ['an impossible date', { _id: 'x', date: 12 }, 'missing or impossible date'],
      [
        'an on/off entry without a direction',
        { _id: 'x', date: 1718018520000, titleVerb: 'changed the flag', accesses: [{ action: 'updateOn', resource: 'proj/a:env/b:flag/c' }] },
        'on/off change without a direction',
      ],
    ])('skips %s with the reason', (_, item, reason) => {
      expect(parseLaunchDarklyEntry(item)).toBe(reason);
    });
  });
});

describe('paging through the audit log', () => {
  // Emulates GET /api/v2/auditlog (launchdarkly.com/docs/api/audit-log): entries with
  // after < date < before, newest first, at most `limit`, filtered by `spec` only when the
  // request carries it; `_links.next` shaped as in auditlog_list_CONSTRUCTED.json (after,
  // before, limit; no spec). Entries shaped as that fixture's; their values CONSTRUCTED.
  const BASE = 1_718_000_000_000;
  type Entry = { _id: string; date: number; kind: string; name: string; titleVerb: string; accesses: Array<{ action: string; resource: string }> };
  const entry = (i: number, date: number, resource = `proj/shop:env/production:flag/f${i}`): Entry => ({
    _id: `e${i}`,
    date,
    kind: 'flag',
    name: `Flag ${i}`,
    titleVerb: 'turned on the flag',
    accesses: [{ action: 'updateOn', resource }],
  });
  const auditLog =
    (entries: Entry[]): Transport =>
    async (url) => {
      const q = new URL(url).searchParams;
      const [after, before, limit] = ['after', 'before', 'limit'].map((key) => Number(q.get(key)));
      const spec = q.get('spec');
      const specMatch = spec ? new RegExp(`^${spec.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^:]*')}`) : null;
      const rows = entries
        .filter((e) => e.date > after && e.date < before && (!specMatch || specMatch.test(e.accesses[0].resource)))
        .sort((a, b) => b.date - a.date)
        .slice(0, limit);
      const next = `/api/v2/auditlog?after=${after}&before=${rows[rows.length - 1]?.date}&limit=${limit}`;
      return { status: 200, header: () => null, body: JSON.stringify({ _links: { next: { href: next, type: 'application/json' } }, items: rows }) };
    };
  const read = (entries: Entry[], environment?: string) =>
    readEvents({
      source: EventSource.LaunchDarkly,
      client: createHttpClient({ baseUrl: 'https://app.launchdarkly.com', upstreamUrl: 'https://app.launchdarkly.com', providerName: 'LaunchDarkly', transport: auditLog(entries) }),
      scope: 'shop',
      environment,
      range: { from: BASE, to: BASE + 200_000 },
    });

  it('keeps the project and environment filter on every page (regression: _links.next drops spec)', async () => {
    const entries = Array.from({ length: 40 }, (_, i) => entry(i, BASE + 100_000 - i * 1000, i % 2 === 0 ? `proj/shop:env/production:flag/f${i}` : `proj/other:env/staging:flag/f${i}`));
    const batch = await read(entries, 'production');
    expect(batch.events.map((e) => e.id).sort()).toStrictEqual(entries.filter((_, i) => i % 2 === 0).map((e) => `launchdarkly:${e._id}`).sort());
  });

  it('reads entries that share a millisecond across a page boundary once each (regression: the one past the boundary was lost)', async () => {
    // Entries 19 and 20 written in the same millisecond (one change applied to two environments).
    const entries = Array.from({ length: 25 }, (_, i) => entry(i, BASE + 100_000 - (i <= 19 ? i : i - 1) * 1000, `proj/shop:env/${i === 20 ? 'staging' : 'production'}:flag/f${i}`));
    const batch = await read(entries);
    expect({ ids: batch.events.map((e) => e.id).sort(), notices: batch.notices }).toStrictEqual({ ids: entries.map((e) => `launchdarkly:${e._id}`).sort(), notices: [] });
  });

  describe('edge cases', () => {
    it('says entries are missing when a whole page shares one millisecond, and reads on past it', async () => {
      const tied = Array.from({ length: 25 }, (_, i) => entry(i, BASE + 100_000));
      const older = Array.from({ length: 3 }, (_, i) => entry(100 + i, BASE + 50_000 - i * 1000));
      const batch = await read([...tied, ...older]);
      expect(batch.events.map((e) => e.id).filter((id) => older.some((o) => id === `launchdarkly:${o._id}`))).toHaveLength(3);
      expect(batch.notices).toStrictEqual([
        {
          severity: 'error',
          text: `LaunchDarkly: more than 20 audit log entries share the time ${new Date(BASE + 100_000).toISOString()}; the API pages only by time, so some of them are missing.`,
        },
      ]);
    });
  });
});
