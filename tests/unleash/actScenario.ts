import { GeneratedSeries } from '../../src/metrics/testing/toOpenMetrics';
import { RealUnleash } from './startUnleash';

// The scenario the acting tests share: flags changed through a real Unleash server's admin
// API, and errors generated around the moment a flag went on, for a real Prometheus.

export const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Deterministic noise, so every run sees the same data. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Errors of one service a minute apart, a day before `from` to two hours after it, with a
 * daily cycle and noise, multiplied by `factor` from `from` on (until `until`, when the cause
 * went away). Prometheus serves backfilled samples up to and past now.
 */
export function errors(service: string, from: number, factor: number, seed: number, until = Infinity): GeneratedSeries {
  const random = noise(seed);
  const start = Math.floor(from / MINUTE) * MINUTE;
  const times: number[] = [];
  const values: number[] = [];
  for (let t = start - 26 * HOUR; t <= start + 2 * HOUR; t += MINUTE) {
    const base = 10 + 2 * Math.sin((2 * Math.PI * t) / (24 * HOUR)) + 2 * (random() + random() + random() - 1.5);
    times.push(t);
    values.push(Math.round(base * (t >= from && t < until ? factor : 1) * 1000) / 1000);
  }
  return { metric: 'http_errors', labels: { service, job: 'api' }, times, values };
}

/** One call of the Unleash admin API with the admin token; throws with the answer on an error status. */
export async function adminCall(unleash: RealUnleash, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await fetch(`${unleash.url}${path}`, {
    method,
    headers: { authorization: unleash.token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  if (!answer.ok) {
    throw new Error(`${method} ${path}: ${answer.status} ${text}`);
  }
  return text ? JSON.parse(text) : {};
}

/** Whether a flag of the default project is on in each environment, as the server reports it. */
export async function enabledInEnvironments(unleash: RealUnleash, flag: string): Promise<Record<string, boolean>> {
  const feature = await adminCall(unleash, 'GET', `/api/admin/projects/default/features/${flag}`);
  return Object.fromEntries((feature.environments as Array<{ name: string; enabled: boolean }>).map((e) => [e.name, e.enabled]));
}

/**
 * The command of a docs/ci.md snippet under `### heading`: from `npx --yes PACKAGE@VERSION`
 * while lines continue with a backslash or, in a folded YAML scalar, stay as deeply indented;
 * joined into one line.
 */
export function docSnippet(doc: string, heading: string, pinned: string): string {
  const body = doc.split(/^### /m).find((s) => s.startsWith(heading));
  const block = body && /```\w*\n([\s\S]*?)```/.exec(body)?.[1];
  if (!block) {
    throw new Error(`docs/ci.md has no fenced block under "### ${heading}"`);
  }
  const lines = block.split('\n');
  const start = lines.findIndex((l) => l.includes(`npx --yes ${pinned} `));
  if (start < 0) {
    throw new Error(`docs/ci.md "### ${heading}" does not run ${pinned} (the package and version of package.json)`);
  }
  const indent = lines[start].search(/\S/);
  const command: string[] = [];
  for (let i = start; i < lines.length; i++) {
    if (i > start && (lines[i].trim() === '' || lines[i].search(/\S/) < indent)) {
      break;
    }
    command.push(lines[i].trim().replace(/\s*\\$/, ''));
  }
  return command.join(' ');
}
