import { createHttpClient } from '../../http/createHttpClient';
import { Transport } from '../../http/types';
import { readEvents } from '../readEvents';
import { readFixture } from '../testing/fixtures';
import { EventKind, EventSource, EventStatus } from '../types';
import { describeUnleashStrategy, parseUnleashEvent } from './readUnleash';

describe('Unleash event parser', () => {
  const { events: toggles } = readFixture('unleash/events_search_CONSTRUCTED.json') as { events: unknown[] };
  const { events: strategies } = readFixture('unleash/events_search_strategies_CONSTRUCTED.json') as { events: unknown[] };

  it.each([
    ['enabled', toggles[0], { kind: EventKind.Flag, flagKey: 'new-checkout', environment: 'production', fromState: 'off', toState: 'on', title: 'Flag new-checkout turned on in production' }],
    ['disabled', toggles[1], { kind: EventKind.Flag, flagKey: 'new-checkout', environment: 'production', fromState: 'on', toState: 'off', title: 'Flag new-checkout turned off in production' }],
    ['variants updated', strategies[0], { kind: EventKind.Config, flagKey: 'semantic-ranking', fromState: 'bm25 100%', toState: 'bm25 50%, vector 50%' }],
    ['strategy updated', strategies[1], { kind: EventKind.Flag, fromState: 'on for 10%', toState: 'on for 100%', text: 'on for 10% → on for 100%' }],
    ['strategy added', strategies[2], { kind: EventKind.Flag, environment: 'staging', fromState: '', toState: 'on for everyone (1 constraint)' }],
    ['strategy removed', strategies[3], { kind: EventKind.Flag, flagKey: 'legacy-suggest', fromState: 'on for listed users', toState: 'strategy removed' }],
  ])('reads a feature %s event as a change with its states', (_, item, expected) => {
    expect(parseUnleashEvent(item)).toMatchObject({ source: EventSource.Unleash, status: EventStatus.Success, ...expected });
  });

  it('keeps id, time, author and tags of the event', () => {
    expect(parseUnleashEvent(toggles[0])).toMatchObject({
      id: 'unleash:42',
      time: Date.parse('2022-06-29T13:29:48Z'),
      author: 'user@company.com',
      version: 'new-checkout on',
      tags: ['project:default', 'flag:new-checkout'],
    });
    expect(parseUnleashEvent(strategies[0])).toMatchObject({ tags: ['project:search', 'flag:semantic-ranking', 'ranking'] });
  });

  it('describes rollout strategies by the share of users they reach', () => {
    expect(describeUnleashStrategy({ name: 'gradualRolloutUserId', parameters: { percentage: 25 } })).toBe('on for 25%');
    expect(describeUnleashStrategy({ name: 'flexibleRollout', parameters: { rollout: '50' }, disabled: true })).toBe('flexibleRollout paused');
    expect(describeUnleashStrategy({ name: 'remoteAddress', parameters: {} })).toBe('on by remoteAddress');
    expect(describeUnleashStrategy(null)).toBe('');
  });

  describe('edge cases', () => {
    it.each([
      ['not an object', 'not an object'],
      [{ createdAt: '2024-01-01T00:00:00Z' }, 'missing id'],
      [{ id: 1, createdAt: 'yesterday' }, 'missing or impossible createdAt'],
      [strategies[4], 'not a flag change'],
      [{ id: 2, createdAt: '2024-01-01T00:00:00Z', type: 'feature-environment-enabled' }, 'not a flag change'],
    ])('skips %j with the reason', (item, reason) => {
      expect(parseUnleashEvent(item)).toBe(reason);
    });
  });
});

describe('whole-day filters on a server whose clock is not UTC', () => {
  // Emulates unleash-server 8.2.0's event search (dist/lib/features/events/event-service.js,
  // convertToDbParams): `from=IS:<day>` becomes created_at >= <day>, `to=IS:<day>` becomes
  // created_at < formatISO(addDays(new Date(<day>), 1), { representation: 'date' }), computed in the
  // server's local zone; here UTC-5 (America/New_York in December), where that is <day> itself.
  // The event is events_search_CONSTRUCTED.json's first, moved into the range.
  const SERVER_OFFSET_MS = -5 * 3_600_000;
  const DAY = 86_400_000;
  const [toggle] = (readFixture('unleash/events_search_CONSTRUCTED.json') as { events: Array<Record<string, unknown>> }).events;
  const event = { ...toggle, createdAt: '2026-12-06T10:00:00.000Z' };
  const server: Transport = async (url) => {
    const q = new URL(url).searchParams;
    const [from, to] = ['from', 'to'].map((key) => Date.parse(q.get(key)!.replace(/^IS:/, '')));
    const before = Date.parse(new Date(to + DAY + SERVER_OFFSET_MS).toISOString().slice(0, 10));
    const rows = [event].filter((e) => Date.parse(e.createdAt) >= from && Date.parse(e.createdAt) < before);
    return { status: 200, header: () => null, body: JSON.stringify({ events: rows, total: rows.length }) };
  };

  it("reads a flag change made on the range's last day (regression: to=IS:<last day> dropped that day west of UTC)", async () => {
    const client = createHttpClient({ baseUrl: 'https://unleash.example.com', upstreamUrl: 'https://unleash.example.com', providerName: 'Unleash', transport: server });
    const range = { from: Date.UTC(2026, 11, 6, 6), to: Date.UTC(2026, 11, 6, 12) };
    const batch = await readEvents({ source: EventSource.Unleash, client, scope: 'default', range });
    expect(batch.events.map((e) => e.id)).toStrictEqual(['unleash:42']);
  });

  it('keeps only the events inside the range when the widened days return more', async () => {
    const client = createHttpClient({ baseUrl: 'https://unleash.example.com', upstreamUrl: 'https://unleash.example.com', providerName: 'Unleash', transport: server });
    const batch = await readEvents({ source: EventSource.Unleash, client, scope: 'default', range: { from: Date.UTC(2026, 11, 6, 11), to: Date.UTC(2026, 11, 6, 12) } });
    expect(batch.events).toStrictEqual([]);
  });
});
