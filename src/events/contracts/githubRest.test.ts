/**
 * @jest-environment node
 */
// GitHub's REST paths, parameters and payload fixtures checked against GitHub's published
// OpenAPI description (`@octokit/openapi`, generated/api.github.com.json, which republishes
// github/rest-api-description; pinned in package.json).
import fs from 'fs';
import path from 'path';

import { readGitHub } from '../providers/readGitHub';
import { GitHubFeed } from '../types';
import { readFixture } from '../testing/fixtures';
import { createAjv, errorLines, findOperation, requestProblems, responseValidator } from '../testing/openApi';
import { recordingClient } from '../testing/recordingClient';

const DESCRIPTION = path.resolve(__dirname, '..', '..', '..', 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');
const ID = 'https://api.github.com/openapi.json';

/** Which fixture answers which path. */
const ANSWERS: Array<[RegExp, string]> = [
  [/^\/repos\/[^/]+\/[^/]+\/deployments\/\d+\/statuses$/, 'github/deployment_statuses_list.json'],
  [/^\/repos\/[^/]+\/[^/]+\/deployments$/, 'github/deployments_list.json'],
  [/^\/repos\/[^/]+\/[^/]+\/actions\/runs$/, 'github/workflow_runs_list.json'],
  [/^\/repos\/[^/]+\/[^/]+\/releases$/, 'github/releases_list.json'],
];

/**
 * `created` is typed `date-time` in the description, but its text sends readers to GitHub's
 * search syntax for dates, whose ranges (`2024-05-01..2024-05-08`) are what a window needs.
 */
const SEARCH_SYNTAX = { created: /^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/ };

describe('GitHub REST against GitHub\'s published OpenAPI description', () => {
  const doc = JSON.parse(fs.readFileSync(DESCRIPTION, 'utf8'));
  const ajv = createAjv();
  ajv.addSchema(doc, ID);

  it('every request the provider sends names a documented path and documented, well-typed query parameters', async () => {
    const { client, requested } = recordingClient('https://api.github.com', (pathname) => {
      const fixture = ANSWERS.find(([pattern]) => pattern.test(pathname))?.[1];
      return fixture ? readFixture(fixture) : null;
    });
    const read = readGitHub([GitHubFeed.Deployments, GitHubFeed.WorkflowRuns, GitHubFeed.Releases], { graphqlUrl: null });
    const { events } = await read({
      client,
      scope: 'octocat/hello-world',
      environment: 'production',
      range: { from: Date.parse('2000-01-01T00:00:00Z'), to: Date.parse('2030-01-01T00:00:00Z') },
      maxPages: 5,
    });
    expect(events.length).toBeGreaterThan(0);
    const templates = requested.map((url) => findOperation(doc, 'GET', new URL(url).pathname)?.template);
    expect([...new Set(templates)].sort()).toStrictEqual([
      '/repos/{owner}/{repo}/actions/runs',
      '/repos/{owner}/{repo}/deployments',
      '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      '/repos/{owner}/{repo}/releases',
    ]);
    expect(requested.flatMap((url) => requestProblems(doc, ajv, 'GET', url, SEARCH_SYNTAX))).toStrictEqual([]);
  });

  it.each([
    ['/repos/octocat/hello-world/deployments', 'github/deployments_list.json'],
    ['/repos/octocat/hello-world/deployments/1/statuses', 'github/deployment_statuses_list.json'],
    ['/repos/octocat/hello-world/actions/runs', 'github/workflow_runs_list.json'],
    ['/repos/octocat/hello-world/releases', 'github/releases_list.json'],
  ])('the fixture for GET %s fits the documented answer', (requestPath, fixture) => {
    const operation = findOperation(doc, 'GET', requestPath);
    expect(operation).not.toBeNull();
    const validate = responseValidator(ajv, ID, operation!);
    validate(readFixture(fixture));
    expect(errorLines(validate)).toStrictEqual([]);
  });

  describe('edge cases', () => {
    it('flags an undocumented parameter and a path GitHub does not have, so a pass means something', () => {
      expect(requestProblems(doc, ajv, 'GET', '/repos/o/r/deployments?since=2024-01-01&per_page=abc')).toStrictEqual([
        '/repos/{owner}/{repo}/deployments: query parameter since is not declared',
        '/repos/{owner}/{repo}/deployments: per_page=abc: data must be integer',
      ]);
      expect(requestProblems(doc, ajv, 'GET', '/repos/o/r/deploys')).toStrictEqual(['GET /repos/o/r/deploys: no such operation']);
    });

    it('refuses a deployment without its documented required fields', () => {
      const validate = responseValidator(ajv, ID, findOperation(doc, 'GET', '/repos/o/r/deployments')!);
      const [deployment] = readFixture('github/deployments_list.json') as Array<Record<string, unknown>>;
      const { sha, ...withoutSha } = deployment;
      expect(validate([withoutSha])).toBe(false);
      expect(errorLines(validate)).toContain("/0 must have required property 'sha'");
    });
  });
});
