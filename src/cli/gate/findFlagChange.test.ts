/**
 * @jest-environment node
 */
import { EventSource } from '../../events/types';
import { createScrubber } from '../../http/createScrubber';
import { ActionApi, startActionApi } from '../../act/testing/startActionApi';
import { findFlagChange } from './findFlagChange';

/** CONSTRUCTED: Unleash event search answers (event-search-response-schema: `{events, total}`), newest first. */
const EVENTS = [
  { id: 45, type: 'feature-environment-disabled', featureName: 'semantic-search', environment: 'production', project: 'default', createdAt: '2026-01-05T10:20:00Z' },
  { id: 44, type: 'feature-environment-enabled', featureName: 'semantic-search', environment: 'production', project: 'default', createdAt: '2026-01-05T10:10:00Z' },
  { id: 43, type: 'feature-environment-enabled', featureName: 'new-checkout', environment: 'production', project: 'default', createdAt: '2026-01-05T10:05:00Z' },
  { id: 42, type: 'feature-environment-enabled', featureName: 'semantic-search', environment: 'production', project: 'default', createdAt: '2026-01-05T09:00:00Z' },
];

describe('findFlagChange', () => {
  let api: ActionApi;
  beforeAll(async () => {
    api = await startActionApi({ authorization: 'unleash-token' }, () => ({ status: 200, body: { events: EVENTS, total: EVENTS.length } }));
  });
  afterAll(() => api.close());

  const read = () => ({
    source: EventSource.Unleash,
    url: api.url,
    scope: 'default',
    environment: 'production',
    service: 'search',
    range: { from: Date.parse('2026-01-05T00:00:00Z'), to: Date.parse('2026-01-05T23:00:00Z') },
    token: 'unleash-token',
  });

  it.each([
    ['the newest change that turned something on; the turn-off after it is the cure, not the change', {}, 'unleash:44'],
    ['the newest change of --flag', { flag: 'new-checkout' }, 'unleash:43'],
    ['the newest change at or before --change-time', { changeTime: Date.parse('2026-01-05T10:00:00Z') }, 'unleash:42'],
  ])('judges %s', async (_name, pick, id) => {
    const found = await findFlagChange(read(), pick, 5_000, createScrubber());
    expect(found.ok && found.deploy.id).toBe(id);
  });

  it('puts --service on the judged change only: it names the series and filters no change', async () => {
    const found = await findFlagChange(read(), {}, 5_000, createScrubber());
    expect(found.ok && found.events.map((e) => [e.id, e.service])).toStrictEqual([
      ['unleash:42', ''],
      ['unleash:43', ''],
      ['unleash:44', 'search'],
      ['unleash:45', ''],
    ]);
  });

  describe('edge cases', () => {
    it('says which flag it looked for when none matches', async () => {
      const found = await findFlagChange(read(), { flag: 'dark-mode' }, 5_000, createScrubber());
      expect(!found.ok && found.message).toMatch(/^no flag change of dark-mode that turned something on in default from 2026-01-05T00:00:00.000Z/);
    });
  });
});
