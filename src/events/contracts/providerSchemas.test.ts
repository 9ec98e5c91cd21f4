/**
 * @jest-environment node
 */
// Argo CD, Grafana annotations and CDEvents: the paths and parameters we request and the
// payload fixtures we parse, checked against the publishers' own machine-readable contracts,
// vendored here as small extracts (sources, commits and licences in README.md beside them).
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'fs';
import path from 'path';

import { readArgoCD } from '../providers/readArgoCD';
import { readGrafanaAnnotations } from '../providers/readGrafanaAnnotations';
import { Provider } from '../providers/types';
import { readFixture } from '../testing/fixtures';
import { createAjv, errorLines, findOperation, requestProblems, responseValidator } from '../testing/openApi';
import { recordingClient } from '../testing/recordingClient';

const HERE = __dirname;
const load = (relative: string) => JSON.parse(fs.readFileSync(path.join(HERE, relative), 'utf8'));
const RANGE = { from: Date.parse('2000-01-01T00:00:00Z'), to: Date.parse('2030-01-01T00:00:00Z') };

/** Runs a provider over a recording client answering `fixture` for every path; returns what it asked for. */
async function requestsOf(provider: Provider, scope: string, fixture: unknown): Promise<{ requested: string[]; events: number }> {
  const { client, requested } = recordingClient('http://contract.invalid', () => fixture);
  const { events } = await provider({ client, scope, range: RANGE, maxPages: 2 });
  return { requested, events: events.length };
}

describe.each([
  {
    api: 'Argo CD',
    extract: 'argocd/swagger_extract.json',
    provider: readArgoCD,
    scope: 'argocd/guestbook',
    fixture: 'argocd/application_get_full.json',
    operation: '/api/v1/applications/{name}',
  },
  {
    api: 'Grafana annotations',
    extract: 'grafana/api_extract.json',
    provider: readGrafanaAnnotations,
    scope: 'deploy, production',
    fixture: 'grafana/annotations_find.json',
    operation: '/annotations',
  },
])('$api against its published description', ({ extract, provider, scope, fixture, operation }) => {
  const doc = load(extract);
  const ajv = createAjv();
  ajv.addSchema(doc, extract);

  it('every request names a documented path with declared, well-typed query parameters', async () => {
    const { requested, events } = await requestsOf(provider, scope, readFixture(fixture));
    expect(events).toBeGreaterThan(0);
    expect(requested.map((url) => findOperation(doc, 'GET', new URL(url).pathname)?.template)).toContain(operation);
    expect(requested.flatMap((url) => requestProblems(doc, ajv, 'GET', url))).toStrictEqual([]);
  });

  it('the fixture fits the documented answer', () => {
    const validate = responseValidator(ajv, extract, findOperation(doc, 'GET', requestPath(operation))!);
    validate(readFixture(fixture));
    expect(errorLines(validate)).toStrictEqual([]);
  });
});

/** A concrete path for a template: each `{name}` filled with `x`. */
function requestPath(template: string): string {
  return (template === '/annotations' ? '/api/annotations' : template).replace(/\{[^}]+\}/g, 'x');
}

describe('CDEvents fixtures against the CDEvents spec JSON Schemas', () => {
  const kinds = ['service_deployed', 'service_upgraded', 'service_rolledback', 'pipelinerun_finished', 'change_merged', 'incident_detected', 'environment_modified'];

  /** One Ajv per spec version: each version's schemas share `$id`s of their links schemas. */
  function validatorFor(version: string) {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const links = path.join(HERE, 'cdevents', version, 'links');
    for (const file of fs.readdirSync(links)) {
      ajv.addSchema(JSON.parse(fs.readFileSync(path.join(links, file), 'utf8')));
    }
    return (kind: string) => ajv.compile(load(`cdevents/${version}/${kind.replace('_', '')}.json`));
  }

  it.each(['v0.4.1', 'v0.5.1'].flatMap((version) => kinds.map((kind) => [version, kind])))('%s %s fits its schema', (version, kind) => {
    const validate = validatorFor(version)(kind);
    validate(readFixture(`cdevents/${version}/${kind}.json`));
    expect(errorLines(validate)).toStrictEqual([]);
  });

  describe('edge cases', () => {
    it('refuses an event of one version against the other version\'s schema, so a pass means something', () => {
      const validate = validatorFor('v0.5.1')('service_deployed');
      expect(validate(readFixture('cdevents/v0.4.1/service_deployed.json'))).toBe(false);
    });
  });
});
