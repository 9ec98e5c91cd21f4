import { createHttpClient } from '../http/createHttpClient';
import { RawResponse } from '../http/types';
import { readMultiValue, splitValues } from './readMultiValue';
import { readFixture } from './testing/fixtures';
import { DeployEvent, EventSource } from './types';

const [template] = readFixture('github/deployments_list.json') as Array<Record<string, unknown>>;
const NOW = Date.parse('2026-12-06T10:00:00Z');

/** A GitHub (REST only) with one deployment per environment asked for, and one that names no environment filter. */
function github() {
  const asked: Array<string | null> = [];
  const transport = async (url: string): Promise<RawResponse> => {
    const parsed = new URL(url);
    if (parsed.pathname.endsWith('/statuses')) {
      return { status: 200, header: () => null, body: '[]' };
    }
    const environment = parsed.searchParams.get('environment');
    asked.push(environment);
    const id = environment === 'production' ? 1 : environment === 'staging' ? 2 : 3;
    const deployment = { ...template, id, environment: environment ?? 'qa', created_at: new Date(NOW - id * 60_000).toISOString(), payload: {} };
    return { status: 200, header: () => null, body: JSON.stringify(environment === '{production,staging}' ? [] : [deployment]) };
  };
  const client = createHttpClient({ baseUrl: 'https://api.github.com', upstreamUrl: 'https://api.github.com', providerName: 'GitHub', transport });
  return { client, asked };
}

const read = (client: ReturnType<typeof github>['client'], fields: { environment?: string; service?: string }, onProgress?: (events: DeployEvent[]) => void) =>
  readMultiValue({ source: EventSource.GitHub, client, scope: 'octo/app', range: { from: NOW - 3_600_000, to: NOW }, githubGraphqlUrl: null, onProgress, ...fields });

describe('splitValues', () => {
  it.each([
    ['production,staging', ['production', 'staging']],
    [' production , staging,, production ', ['production', 'staging']],
    ['production', ['production']],
    ['', []],
    [undefined, []],
  ])('splits %p into %p', (value, expected) => {
    expect(splitValues(value)).toStrictEqual(expected);
  });
});

describe('readMultiValue', () => {
  it('reads each environment of a multi-value variable and merges the events', async () => {
    const { client, asked } = github();
    const progress: string[][] = [];
    const batch = await read(client, { environment: 'production,staging' }, (events) => progress.push(events.map((e) => e.environment)));
    expect([...asked].sort()).toStrictEqual(['production', 'staging']);
    expect(batch.events.map((e) => e.environment)).toStrictEqual(['staging', 'production']);
    expect(progress[progress.length - 1].sort()).toStrictEqual(['production', 'staging']);
    expect(batch.notices.filter((n) => n.severity !== 'info')).toStrictEqual([]);
  });

  it('reads one environment as one read, as before', async () => {
    const { client, asked } = github();
    const batch = await read(client, { environment: 'production' });
    expect(asked).toStrictEqual(['production']);
    expect(batch.events.map((e) => e.id)).toStrictEqual(['github:deployment:octo/app:1']);
  });

  it('stamps no service when the service holds several, and says so', async () => {
    const { client } = github();
    const batch = await read(client, { service: 'web,api' });
    expect(batch.events.map((e) => e.service)).toStrictEqual(['app']);
    expect(batch.notices.map((n) => n.text)).toContain(
      "Service holds several values (web, api): events that name no service keep their provider's default (the repository, project or job name)."
    );
  });

  describe('edge cases', () => {
    it('warns when a value is still a glob, which names no environment', async () => {
      const { client } = github();
      const batch = await read(client, { environment: '{production,staging}' });
      const warnings = batch.notices.filter((n) => n.severity === 'warning').map((n) => n.text);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^Environment "\{production,staging\}" holds a "\{".*\$\{name:csv\}/);
    });

    it('says a failure shared by every environment once, with how often', async () => {
      const transport = async (): Promise<RawResponse> => ({ status: 401, header: () => null, body: '{"message":"Bad credentials"}' });
      const client = createHttpClient({ baseUrl: 'https://api.github.com', providerName: 'GitHub', transport });
      const batch = await read(client, { environment: 'production,staging' });
      expect(batch.notices.filter((n) => n.severity === 'error')).toHaveLength(1);
      expect(batch.notices[0].text).toMatch(/401.*\(2 times\)$/);
    });
  });
});
