import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { DeployEvent, EventKind, EventSource, EventStatus } from '../types';
import { appendAll } from './appendAll';
import { endedBefore, inRange } from './inRange';
import { parseItems } from './parseItems';
import { readPages } from './readPages';
import { keptFor, namesEnvironmentOrNone, Provider, ProviderDescription, SkipCounter } from './types';

const PAGE_SIZE = 100;
const CHANGE_FIELDS = 'kind,items[commitId,msg,comment,timestamp,author[fullName]]';
/**
 * `allBuilds` with a `{M,N}` range pages past the newest 100 that plain `builds` stops at.
 * Freestyle jobs expose `changeSet`, pipelines `changeSets`: ask for both.
 */
export const JENKINS_TREE = `allBuilds[number,result,building,timestamp,duration,url,displayName,description,changeSet[${CHANGE_FIELDS}],changeSets[${CHANGE_FIELDS}],actions[parameters[name,value]]]`;

const RESULT_STATUS: Record<string, EventStatus> = {
  SUCCESS: EventStatus.Success,
  UNSTABLE: EventStatus.Failure,
  FAILURE: EventStatus.Failure,
  ABORTED: EventStatus.Cancelled,
  NOT_BUILT: EventStatus.Cancelled,
};

/** Build parameters that commonly name the target environment and the version deployed. */
const ENV_PARAMS = ['ENV', 'ENVIRONMENT', 'DEPLOY_ENV', 'TARGET_ENV', 'STAGE'];
const VERSION_PARAMS = ['VERSION', 'TAG', 'RELEASE', 'IMAGE_TAG', 'REVISION'];
/**
 * Jenkins lists a job's builds, whatever their parameters: builds are kept when their
 * environment parameter names the one asked for, and builds without one too.
 */
const ENVIRONMENT = namesEnvironmentOrNone;

/** `folder/job` (or `job/folder/job/job`) to the API path `/job/folder/job/job`. */
export function jenkinsJobPath(scope: string): string {
  const parts = scope
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p && p !== 'job');
  return parts.map((p) => `/job/${encodeURIComponent(p)}`).join('');
}

/** Builds of one Jenkins job, newest first, paged with `{M,N}` until one ended before the range. */
export const readJenkins: Provider = async (request) => {
  const jobPath = jenkinsJobPath(request.scope);
  if (!jobPath) {
    return { events: [], notices: [{ severity: 'error', text: 'Jenkins: set the job name (folder/job for jobs in folders).' }] };
  }
  const job = request.scope.split('/').filter((p) => p && p !== 'job').join('/');
  const events: DeployEvent[] = [];
  const skipped = new SkipCounter();
  const url = `${jobPath}/api/json`;
  const pageQuery = (page: number) => ({ tree: `${JENKINS_TREE}{${page * PAGE_SIZE},${(page + 1) * PAGE_SIZE}}` });
  const envMatches = keptFor(ENVIRONMENT, request.environment);
  const read = await readPages({
    client: request.client,
    what: `builds of ${job}`,
    first: { url, query: pageQuery(0) },
    maxPages: request.maxPages,
    signal: request.signal,
    items: (data) => {
      const builds = get(data, 'allBuilds') ?? get(data, 'builds');
      return Array.isArray(builds) ? builds : 'the answer has no list of builds; is it a job (not a folder or view)?';
    },
    itemKey: (build) => text(get(build, 'number')),
    onItems: (builds) => {
      const parsed = parseItems(builds, (build) => parseJenkinsBuild(build, job), skipped);
      const pageEvents = parsed
        .filter((event) => inRange(event, request.range) && envMatches(event))
        .map((event) => (event.service ? event : { ...event, service: request.service || job.split('/').pop() || job }));
      appendAll(events, pageEvents);
      request.onProgress?.(pageEvents);
      // Builds come newest-first by start: one that was over before the range marks where older
      // builds stop overlapping it (one started before the range may still run into it).
      return parsed.some((event) => endedBefore(event, request.range.from)) ? 'stop' : undefined;
    },
    nextPage: (page, builds) => (builds.length < PAGE_SIZE ? null : { url, query: pageQuery(page.index + 1) }),
  });
  return { events, notices: [...read.notices, ...skipped.notices(`Jenkins builds of ${job}`)] };
};

/** Jenkins: read once, the builds kept by environment here. */
export const JENKINS: ProviderDescription = { read: readJenkins, environment: ENVIRONMENT, oneScope: true };

function parameters(build: Record<string, unknown>): Map<string, string> {
  const params = new Map<string, string>();
  const actions = Array.isArray(build.actions) ? build.actions : [];
  for (const action of actions) {
    const list = get(action, 'parameters');
    if (Array.isArray(list)) {
      for (const p of list) {
        const name = text(get(p, 'name'));
        if (name) {
          params.set(name.toUpperCase(), text(get(p, 'value')));
        }
      }
    }
  }
  return params;
}

function changeItems(build: Record<string, unknown>): unknown[] {
  const sets = [...(Array.isArray(build.changeSets) ? build.changeSets : []), ...(isRecord(build.changeSet) ? [build.changeSet] : [])];
  const seen = new Set<string>();
  const items: unknown[] = [];
  for (const set of sets) {
    const list = get(set, 'items');
    for (const item of Array.isArray(list) ? list : []) {
      const id = text(get(item, 'commitId'));
      if (!seen.has(id)) {
        seen.add(id);
        items.push(item);
      }
    }
  }
  return items;
}

/**
 * One Jenkins build. A build of a job with an environment parameter, or a job named like a
 * deploy, is a deploy; any other build is a pipeline. Spans start to start + duration.
 */
export function parseJenkinsBuild(build: unknown, job: string): DeployEvent | string {
  if (!isRecord(build)) {
    return 'not an object';
  }
  if (typeof build.number !== 'number') {
    return 'missing build number';
  }
  const start = toEpochMs(build.timestamp);
  if (start === null) {
    return 'missing or impossible timestamp';
  }
  const building = build.building === true || build.result === null;
  const status = building ? EventStatus.InProgress : (RESULT_STATUS[text(build.result)] ?? EventStatus.Unknown);
  const duration = typeof build.duration === 'number' && build.duration > 0 ? build.duration : null;
  const params = parameters(build);
  const environment = ENV_PARAMS.map((name) => params.get(name)).find(Boolean) ?? '';
  const version = VERSION_PARAMS.map((name) => params.get(name)).find(Boolean) ?? '';
  const changes = changeItems(build);
  const last = changes[changes.length - 1];
  const isDeploy = environment !== '' || /deploy|release|rollout/i.test(job);
  return makeEvent({
    time: start,
    timeEnd: !building && duration !== null ? start + duration : null,
    id: `jenkins:${job}:${build.number}`,
    source: EventSource.Jenkins,
    kind: isDeploy ? EventKind.Deploy : EventKind.Pipeline,
    status,
    environment,
    version,
    commit: text(get(last, 'commitId')),
    author: text(get(last, 'author', 'fullName')),
    title: `${job} ${text(build.displayName) || `#${build.number}`}${version ? ` (${version})` : ''}`,
    text: changes
      .map((c) => (text(get(c, 'msg')) || text(get(c, 'comment'))).split('\n')[0])
      .filter(Boolean)
      .join('\n'),
    url: text(build.url),
    tags: [job],
  });
}
