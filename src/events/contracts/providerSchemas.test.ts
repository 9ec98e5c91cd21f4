/**
 * @jest-environment node
 */
// Argo CD, Grafana annotations, Kubernetes, GitLab, LaunchDarkly and CDEvents: the paths and
// parameters we request and the payload fixtures we parse, checked against the publishers' own
// machine-readable contracts, vendored here as small extracts (sources, commits and licences in
// README.md beside them).
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'fs';
import path from 'path';

import { readArgoCD } from '../providers/readArgoCD';
import { readGitLab } from '../providers/readGitLab';
import { readGrafanaAnnotations } from '../providers/readGrafanaAnnotations';
import { readKubernetes } from '../providers/readKubernetes';
import { readLaunchDarkly } from '../providers/readLaunchDarkly';
import { Provider } from '../providers/types';
import { readFixture } from '../testing/fixtures';
import { createAjv, errorLines, findOperation, nullableProperties, requestProblems, responseValidator } from '../testing/openApi';
import { recordingClient } from '../testing/recordingClient';

type Json = Record<string, unknown>;

const HERE = __dirname;
const load = (relative: string): Json => JSON.parse(fs.readFileSync(path.join(HERE, relative), 'utf8'));
const RANGE = { from: Date.parse('2000-01-01T00:00:00Z'), to: Date.parse('2030-01-01T00:00:00Z') };

/** A payload: a fixture's path (the fixture READMEs give its source) or an inline body. */
type Payload = string | Json;
const body = (payload: Payload): unknown => (typeof payload === 'string' ? readFixture(payload) : payload);

/**
 * GitLab's description as its API answers: it serialises an unset field as `null`, which a
 * Swagger 2 description cannot express (Swagger 2 has no null), so every property also takes
 * null; and it types a job's `project.ci_job_token_scope_enabled` as a string (its own example
 * is `false`) while the API, and GitLab's deployments documentation, give a boolean.
 */
function gitLabAsServed(doc: Json): Json {
  const served = nullableProperties(doc);
  const job = (served.definitions as Record<string, Json>).API_Entities_Ci_Job;
  const project = (job.properties as Record<string, Json>).project;
  (project.properties as Record<string, Json>).ci_job_token_scope_enabled = { type: ['boolean', 'string'], nullable: true };
  return served;
}

/** Runs a provider over a recording client that answers each documented path with its payload; returns what it asked for. */
async function requestsOf(doc: Json, provider: Provider, scope: string, environment: string | undefined, answers: Record<string, Payload>): Promise<{ requested: string[]; events: number }> {
  const answer = (pathname: string) => {
    const template = findOperation(doc, 'GET', pathname)?.template;
    return template && answers[template] !== undefined ? body(answers[template]) : null;
  };
  const { client, requested } = recordingClient('http://contract.invalid', answer);
  const { events } = await provider({ client, scope, environment, range: RANGE, maxPages: 2 });
  return { requested, events: events.length };
}

/** A concrete path for a template: the description's base path, then each `{name}` filled with `x`. */
function requestPath(doc: Json, template: string): string {
  const base = typeof doc.basePath === 'string' ? doc.basePath.replace(/\/$/, '') : '';
  return `${base}${template}`.replace(/\{[^}]+\}/g, 'x');
}

/** CONSTRUCTED: an empty ControllerRevision list, so the Kubernetes read goes on to list Deployments. */
const NO_CONTROLLER_REVISIONS = { apiVersion: 'apps/v1', kind: 'ControllerRevisionList', metadata: { resourceVersion: '123456' }, items: [] };
/** CONSTRUCTED: the Deployment owning the fixture's ReplicaSets, with the `Progressing` condition the provider reads. */
const PAYMENTS_DEPLOYMENTS = {
  apiVersion: 'apps/v1',
  kind: 'DeploymentList',
  metadata: { resourceVersion: '123456' },
  items: [
    {
      metadata: { name: 'payments', namespace: 'prod', uid: '00000000-0000-0000-0000-000000000000', creationTimestamp: '2024-01-02T09:00:00Z' },
      spec: {
        selector: { matchLabels: { app: 'payments' } },
        template: { metadata: { labels: { app: 'payments' } }, spec: { containers: [{ name: 'payments', image: 'registry.example.com/payments:1.42.0' }] } },
      },
      status: {
        conditions: [
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            lastUpdateTime: '2024-06-10T08:16:40Z',
            lastTransitionTime: '2024-01-02T09:00:00Z',
            message: 'ReplicaSet "payments-7d9f8c6b5" has successfully progressed.',
          },
        ],
      },
    },
  ],
};

const asIs = (doc: Json) => doc;

describe.each([
  {
    api: 'Argo CD',
    extract: 'argocd/swagger_extract.json',
    served: asIs,
    provider: readArgoCD,
    scope: 'argocd/guestbook',
    answers: { '/api/v1/applications/{name}': 'argocd/application_get_full.json' } as Record<string, Payload>,
  },
  {
    api: 'Grafana annotations',
    extract: 'grafana/api_extract.json',
    served: asIs,
    provider: readGrafanaAnnotations,
    scope: 'deploy, production',
    answers: { '/annotations': 'grafana/annotations_find.json' } as Record<string, Payload>,
  },
  {
    api: 'Kubernetes apps/v1',
    extract: 'kubernetes/apps_v1_extract.json',
    served: asIs,
    provider: readKubernetes,
    scope: 'prod/app=payments',
    answers: {
      '/apis/apps/v1/namespaces/{namespace}/replicasets': 'kubernetes/replicasets_rollout_history_CONSTRUCTED.json',
      '/apis/apps/v1/namespaces/{namespace}/controllerrevisions': NO_CONTROLLER_REVISIONS,
      '/apis/apps/v1/namespaces/{namespace}/deployments': PAYMENTS_DEPLOYMENTS,
    } as Record<string, Payload>,
  },
  {
    api: 'GitLab',
    extract: 'gitlab/openapi_v2_extract.json',
    served: gitLabAsServed,
    provider: readGitLab,
    scope: 'root/project',
    environment: 'production',
    answers: {
      '/api/v4/projects/{id}/deployments': 'gitlab/deployments_list.json',
      '/api/v4/projects/{id}/pipelines': 'gitlab/pipelines_list.json',
    } as Record<string, Payload>,
  },
  {
    api: 'LaunchDarkly',
    extract: 'launchdarkly/openapi_extract.json',
    served: asIs,
    provider: readLaunchDarkly,
    scope: 'shop',
    environment: 'production',
    answers: { '/api/v2/auditlog': 'launchdarkly/auditlog_list_CONSTRUCTED.json' } as Record<string, Payload>,
  },
])('$api against its published description', ({ extract, served, provider, scope, environment, answers }) => {
  const doc = served(load(extract));
  const ajv = createAjv();
  ajv.addSchema(doc, extract);

  it('every request names a documented path with declared, well-typed query parameters', async () => {
    const { requested, events } = await requestsOf(doc, provider, scope, environment, answers);
    expect(events).toBeGreaterThan(0);
    const templates = requested.map((url) => findOperation(doc, 'GET', new URL(url).pathname)?.template);
    expect([...new Set(templates)].sort()).toStrictEqual(Object.keys(answers).sort());
    expect(requested.flatMap((url) => requestProblems(doc, ajv, 'GET', url))).toStrictEqual([]);
  });

  it.each(Object.entries(answers))('the payload answering %s fits the documented answer', (template, payload) => {
    const validate = responseValidator(ajv, extract, findOperation(doc, 'GET', requestPath(doc, template))!);
    validate(body(payload));
    expect(errorLines(validate)).toStrictEqual([]);
  });
});

describe('the extracts refuse what their publishers refuse, so a pass means something', () => {
  /** The validator of one operation's 200 answer in an extract. */
  function answerValidator(doc: Json, requestedPath: string) {
    const ajv = createAjv();
    ajv.addSchema(doc, 'extract');
    return { ajv, validate: responseValidator(ajv, 'extract', findOperation(doc, 'GET', requestedPath)!) };
  }

  it('Kubernetes: a ReplicaSet without the selector its spec requires, owned through a reference without a uid', () => {
    const { validate } = answerValidator(load('kubernetes/apps_v1_extract.json'), '/apis/apps/v1/namespaces/prod/replicasets');
    const list = readFixture('kubernetes/replicasets_rollout_history_CONSTRUCTED.json') as { items: Array<{ metadata: Json & { ownerReferences: Json[] }; spec: Json }> };
    const [first] = list.items;
    const { selector, ...withoutSelector } = first.spec;
    const { uid, ...ownerWithoutUid } = first.metadata.ownerReferences[0];
    expect(validate({ items: [{ ...first, spec: withoutSelector, metadata: { ...first.metadata, ownerReferences: [ownerWithoutUid] } }] })).toBe(false);
    expect(errorLines(validate).sort()).toStrictEqual(["/items/0/metadata/ownerReferences/0 must have required property 'uid'", "/items/0/spec must have required property 'selector'"]);
  });

  it('GitLab: pipelines cannot be ordered by finished_at (deployments can), and a deployment id is a number', () => {
    const doc = gitLabAsServed(load('gitlab/openapi_v2_extract.json'));
    const { ajv, validate } = answerValidator(doc, '/api/v4/projects/x/deployments');
    expect(requestProblems(doc, ajv, 'GET', '/api/v4/projects/a%2Fb/deployments?order_by=finished_at&status=success')).toStrictEqual([]);
    expect(requestProblems(doc, ajv, 'GET', '/api/v4/projects/a%2Fb/pipelines?order_by=finished_at')).toStrictEqual([
      '/api/v4/projects/{id}/pipelines: order_by=finished_at: data must be equal to one of the allowed values',
    ]);
    const [deployment] = readFixture('gitlab/deployments_list.json') as Json[];
    expect(validate([{ ...deployment, id: '41' }])).toBe(false);
    expect(errorLines(validate)).toContain('/0/id must be integer');
  });

  it('LaunchDarkly: an audit log entry without the account id and short description its schema requires', () => {
    const { validate } = answerValidator(load('launchdarkly/openapi_extract.json'), '/api/v2/auditlog');
    const page = readFixture('launchdarkly/auditlog_list_CONSTRUCTED.json') as Json & { items: Json[] };
    const { _accountId, shortDescription, ...bare } = page.items[0];
    expect(validate({ ...page, items: [bare] })).toBe(false);
    expect(errorLines(validate)).toStrictEqual(["/items/0 must have required property '_accountId'", "/items/0 must have required property 'shortDescription'"]);
  });

  it("LaunchDarkly: its own sample entry lacks the same two fields, and nothing else differs (the provider needs neither)", () => {
    const { validate } = answerValidator(load('launchdarkly/openapi_extract.json'), '/api/v2/auditlog');
    expect(validate({ _links: {}, items: [readFixture('launchdarkly/auditlog_entry_spec_sample.json')] })).toBe(false);
    expect(errorLines(validate)).toStrictEqual(["/items/0 must have required property '_accountId'", "/items/0 must have required property 'shortDescription'"]);
  });
});

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
