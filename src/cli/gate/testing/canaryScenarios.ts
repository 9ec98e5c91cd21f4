import { GeneratedSeries } from '../../../metrics/testing/toOpenMetrics';
import { MINUTE } from './gateScenarios';

const HOUR = 60 * MINUTE;
/** A day of history before the deploy, two hours after it; the deploy at least three hours before now (see startPrometheus). */
const HISTORY_MS = 26 * HOUR;
const AFTER_MS = 2 * HOUR;

/** Deterministic noise so every run backfills the same data. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A count with this mean: normal approximation to Poisson, whole and never negative. */
function count(random: () => number, mean: number): number {
  const z = Math.sqrt(-2 * Math.log(Math.max(1e-12, random()))) * Math.cos(2 * Math.PI * random());
  return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
}

/** Per-minute requests and error ratio of one version, from `from` ms since the deploy (negative: before). */
interface VersionTraffic {
  service: string;
  version: string;
  from: number;
  /** The version stops serving here (ms since the deploy, exclusive); two hours after the deploy when absent. */
  to?: number;
  requestsPerMinute: (sinceDeployMs: number) => number;
  errorRatio: (sinceDeployMs: number) => number;
}

/** `http_requests_total` and `http_errors_total` counters of one version, scraped once a minute. */
function counters(deployAt: number, traffic: VersionTraffic, seed: number): GeneratedSeries[] {
  const random = noise(seed);
  const labels = { service: traffic.service, version: traffic.version };
  const times: number[] = [];
  const requests: number[] = [];
  const errors: number[] = [];
  let r = 0;
  let e = 0;
  for (let t = deployAt + traffic.from; t < deployAt + (traffic.to ?? AFTER_MS + 1); t += MINUTE) {
    const since = t - deployAt;
    const served = count(random, traffic.requestsPerMinute(since));
    r += served;
    e += count(random, served * traffic.errorRatio(since));
    times.push(t);
    requests.push(r);
    errors.push(e);
  }
  return [
    { metric: 'http_requests_total', labels, times, values: requests },
    { metric: 'http_errors_total', labels, times: [...times], values: errors },
  ];
}

const after = (since: number) => since >= 0;
/** When the `payments` canary first serves, ms after the deploy. */
export const LATE_START = 3 * MINUTE;

/**
 * The canary scenarios' counters, by service and version:
 * - `shop`: one version; traffic triples at the deploy and errors with it (2% throughout);
 * - `orders`: v1 alone for a day, then v2 beside it, half the traffic each; v2's error ratio
 *   is three times v1's (3% against 1%);
 * - `billing`: the same split, but both versions' error ratio goes from 1% to 4% at the deploy
 *   (a shared dependency broke);
 * - `cart`: a full cutover: v1 serves until the deploy and stops, v2 serves everything after it
 *   at three times v1's error ratio (3% against 1%);
 * - `search`: a full cutover during a threefold traffic surge, the error ratio steady (2%);
 * - `ghost`: one version that stops serving at the deploy, and nothing after it (no data);
 * - `checkout`: a canary on a busier service: v1 alone at 12,000 requests a minute, then v2
 *   takes a fifth of them at three times v1's error ratio (3% against 1%);
 * - `catalog`: the same canary, equally good (1% on both): nothing to decide;
 * - `payments`: the checkout canary, but v2 first serves three minutes after the deploy (a
 *   rollout that takes its time): both versions serve only from then on.
 */
export function canaryScenarios(now: number): { deployAt: number; series: GeneratedSeries[] } {
  const deployAt = Math.floor((now - AFTER_MS - 3 * HOUR) / MINUTE) * MINUTE;
  const split = (since: number) => (after(since) ? 600 : 1200);
  const versions: VersionTraffic[] = [
    { service: 'shop', version: 'v1', from: -HISTORY_MS, requestsPerMinute: (s) => (after(s) ? 3600 : 1200), errorRatio: () => 0.02 },
    { service: 'orders', version: 'v1', from: -HISTORY_MS, requestsPerMinute: split, errorRatio: () => 0.01 },
    { service: 'orders', version: 'v2', from: 0, requestsPerMinute: () => 600, errorRatio: () => 0.03 },
    { service: 'billing', version: 'v1', from: -HISTORY_MS, requestsPerMinute: split, errorRatio: (s) => (after(s) ? 0.04 : 0.01) },
    { service: 'billing', version: 'v2', from: 0, requestsPerMinute: () => 600, errorRatio: () => 0.04 },
    { service: 'cart', version: 'v1', from: -HISTORY_MS, to: 0, requestsPerMinute: () => 1200, errorRatio: () => 0.01 },
    { service: 'cart', version: 'v2', from: 0, requestsPerMinute: () => 1200, errorRatio: () => 0.03 },
    { service: 'search', version: 'v1', from: -HISTORY_MS, to: 0, requestsPerMinute: () => 1200, errorRatio: () => 0.02 },
    { service: 'search', version: 'v2', from: 0, requestsPerMinute: () => 3600, errorRatio: () => 0.02 },
    { service: 'ghost', version: 'v1', from: -HISTORY_MS, to: 0, requestsPerMinute: () => 1200, errorRatio: () => 0.01 },
    { service: 'checkout', version: 'v1', from: -HISTORY_MS, requestsPerMinute: (s) => (after(s) ? 9600 : 12_000), errorRatio: () => 0.01 },
    { service: 'checkout', version: 'v2', from: 0, requestsPerMinute: () => 2400, errorRatio: () => 0.03 },
    { service: 'catalog', version: 'v1', from: -HISTORY_MS, requestsPerMinute: (s) => (after(s) ? 9600 : 12_000), errorRatio: () => 0.01 },
    { service: 'catalog', version: 'v2', from: 0, requestsPerMinute: () => 2400, errorRatio: () => 0.01 },
    { service: 'payments', version: 'v1', from: -HISTORY_MS, requestsPerMinute: (s) => (s >= LATE_START ? 9600 : 12_000), errorRatio: () => 0.01 },
    { service: 'payments', version: 'v2', from: LATE_START, requestsPerMinute: () => 2400, errorRatio: () => 0.03 },
  ];
  // Families contiguous for the OpenMetrics writer: every requests series, then every errors series.
  const all = versions.flatMap((v, i) => counters(deployAt, v, 100 + i));
  return { deployAt, series: [...all.filter((s) => s.metric === 'http_requests_total'), ...all.filter((s) => s.metric === 'http_errors_total')] };
}
