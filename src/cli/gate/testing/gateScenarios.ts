import { GeneratedSeries } from '../../../metrics/testing/toOpenMetrics';

export const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Scrape interval of the generated data. */
export const SCRAPE_MS = MINUTE;
/** A day of history before each deploy: enough for the engine to know the series' day (six hours). */
const HISTORY_MS = 26 * HOUR;
/** Data continues this long after the deploy. */
const AFTER_MS = 2 * HOUR;
/** Series in the flood scenario, past the gate's bound. */
export const FLOOD_SERIES = 10_000;

/** Deterministic noise (a linear congruential generator) so every run backfills the same data. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function errors(
  service: string,
  deployAt: number,
  seed: number,
  effect: (sinceDeployMs: number) => number
): GeneratedSeries {
  const random = noise(seed);
  const times: number[] = [];
  const values: number[] = [];
  for (let t = deployAt - HISTORY_MS; t <= deployAt + AFTER_MS; t += SCRAPE_MS) {
    // A gentle daily cycle plus noise, as an error rate has.
    const daily = 2 * Math.sin((2 * Math.PI * t) / (24 * HOUR));
    const base = 10 + daily + 2 * (random() + random() + random() - 1.5);
    const since = t - deployAt;
    values.push(Math.round(base * (since >= 0 ? effect(since) : 1) * 1000) / 1000);
    times.push(t);
  }
  return { metric: 'http_errors', labels: { service, job: 'api' }, times, values };
}

export interface GateScenarios {
  /** All deploys happened here: at least four hours before the server starts, on a whole minute. */
  deployAt: number;
  series: GeneratedSeries[];
}

/**
 * The data behind the gate's scenarios, placed relative to `now` so Prometheus serves it from
 * backfilled blocks: catalog (healthy), checkout (a step that persists), search (a spike that
 * recovers within ten minutes), cart whose deploy breaks payments, ledger with NaN and +Inf
 * samples, billing whose deploy brings a new error code, and `flood` with more series than the
 * gate reads.
 */
export function gateScenarios(now: number): GateScenarios {
  const deployAt = Math.floor((now - AFTER_MS - 3 * HOUR) / MINUTE) * MINUTE;
  const flat = () => 1;
  const series = [
    errors('catalog', deployAt, 1, flat),
    errors('checkout', deployAt, 2, () => 3),
    errors('search', deployAt, 3, (since) => (since < 8 * MINUTE ? 4 : 1)),
    errors('cart', deployAt, 4, flat),
    errors('payments', deployAt, 5, () => 3),
  ];
  const ledger = errors('ledger', deployAt, 6, flat);
  ledger.values = ledger.values.map((v, i) => (i % 97 === 0 ? NaN : i % 89 === 0 ? Infinity : v));
  series.push(ledger);
  // billing by status code: 500 steady; 503 first seen with the deploy, at thirty times the 500s.
  const billing500 = errors('billing', deployAt, 7, flat);
  billing500.labels = { ...billing500.labels, code: '500' };
  const billing503 = errors('billing', deployAt, 8, () => 30);
  const fromDeploy = billing503.times.findIndex((t) => t >= deployAt);
  series.push(billing500, { ...billing503, labels: { ...billing503.labels, code: '503' }, times: billing503.times.slice(fromDeploy), values: billing503.values.slice(fromDeploy) });
  for (let i = 0; i < FLOOD_SERIES; i++) {
    series.push({
      metric: 'flood',
      labels: { instance: `i-${i}` },
      times: [deployAt - 10 * MINUTE, deployAt],
      values: [1, 1],
    });
  }
  return { deployAt, series };
}

/**
 * The series as a Prometheus counter of the same events: each sample adds the rate times
 * the scrape interval, so `rate(counter[5m])` gives the rate back.
 */
export function asCounter(series: GeneratedSeries, metric: string, labels: Record<string, string>): GeneratedSeries {
  let total = 0;
  const values = series.values.map((perSecond) => {
    total += Math.max(0, perSecond) * (SCRAPE_MS / 1000);
    return Math.round(total * 1000) / 1000;
  });
  return { metric, labels, times: series.times, values };
}
