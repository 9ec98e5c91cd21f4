import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { DeployEvent, EventKind, EventNotice, EventSource, EventStatus } from '../types';
import { Provider, SkipCounter } from './types';

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

/** `folder/job` (or `job/folder/job/job`) to the API path `/job/folder/job/job`. */
export function jenkinsJobPath(scope: string): string {
  const parts = scope
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p && p !== 'job');
  return parts.map((p) => `/job/${encodeURIComponent(p)}`).join('');
}

/** Builds of one Jenkins job, newest first, paged with `{M,N}` until they are older than the range. */
export const readJenkins: Provider = async (request) => {
  const jobPath = jenkinsJobPath(request.scope);
  if (!jobPath) {
    return { events: [], notices: [{ severity: 'error', text: 'Jenkins: set the job name (folder/job for jobs in folders).' }] };
  }
  const job = request.scope.split('/').filter((p) => p && p !== 'job').join('/');
  const events: DeployEvent[] = [];
  const notices: EventNotice[] = [];
  const skipped = new SkipCounter();
  for (let page = 0; ; page++) {
    if (page >= request.maxPages) {
      notices.push({ severity: 'warning', text: `Jenkins: stopped after ${page} pages of builds; narrow the time range or raise "Max pages".` });
      break;
    }
    const range = `{${page * PAGE_SIZE},${(page + 1) * PAGE_SIZE}}`;
    const result = await request.client.getJson(`${jobPath}/api/json`, { tree: `${JENKINS_TREE}${range}` }, request.signal);
    if (!result.ok) {
      notices.push({ severity: 'error', text: result.error.message });
      break;
    }
    const builds = get(result.data, 'allBuilds') ?? get(result.data, 'builds');
    if (!Array.isArray(builds)) {
      notices.push({ severity: 'error', text: `Jenkins: ${job} did not return a list of builds; is it a job (not a folder or view)?` });
      break;
    }
    const pageEvents: DeployEvent[] = [];
    let oldest = Infinity;
    for (const build of builds) {
      const parsed = parseJenkinsBuild(build, job);
      if (typeof parsed === 'string') {
        skipped.skip(parsed);
        continue;
      }
      oldest = Math.min(oldest, parsed.time);
      const envMatches = !request.environment || !parsed.environment || parsed.environment === request.environment;
      if (parsed.time >= request.range.from && parsed.time <= request.range.to && envMatches) {
        pageEvents.push(parsed.service ? parsed : { ...parsed, service: request.service || job.split('/').pop() || job });
      }
    }
    events.push(...pageEvents);
    request.onProgress?.(pageEvents);
    if (builds.length < PAGE_SIZE || oldest < request.range.from) {
      break;
    }
  }
  return { events, notices: [...notices, ...skipped.notices(`Jenkins builds of ${job}`)] };
};

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
