import { EngineEvent, EventImpact, eventReach, prepareScoringSeries, ScoreOptions, scorePreparedEvents, SeriesInput, withDefaults } from '../../engine';
import { contextFor, orderEvents, reuseKeys } from './reuseKeys';

export interface ScoreRequest {
  series: SeriesInput[];
  events: EngineEvent[];
  options: ScoreOptions;
}

/** Results for some of the request's events, by index into `events`. */
export interface ScoreBatch {
  results: Array<{ index: number; impact: EventImpact }>;
  /** True on the last batch of a request. */
  done: boolean;
  /** Results reused from the previous scoring in this batch, and results the engine computed. */
  reused: number;
  scored: number;
}

/** Runs `task` later (a macrotask), so that a newer request or a paint can come first. */
export type Schedule = (task: () => void) => void;

/**
 * Spans of events scored per engine call, as a multiple of the reach (history before plus
 * reach after): each call also scores the events within reach of its span, so shorter spans
 * would score the same events several times.
 */
const CHUNK_SPAN_REACHES = 2;
/** Calls per request at most: later batches still arrive while the page stays responsive. */
const MAX_CHUNKS = 8;

/**
 * Scores events with the impact engine, reusing earlier results whose inputs did not change
 * (see `reuseKeys` for the rule), and scoring the rest newest first in chunks of time, each
 * passed to the engine with the events within reach of it so every result is exactly what
 * one call over all events gives. Results come in batches: the reused ones first, then one
 * per chunk. A newer `run` cancels the one before. Works the same in a worker and on the
 * main thread; the cache holds the last request's events only.
 *
 * @example
 * const scorer = createImpactScorer();
 * scorer.run({ series, events, options }, (batch) => show(batch.results), (task) => setTimeout(task, 0));
 */
export function createImpactScorer() {
  let cache = new Map<string, { key: string; impact: EventImpact }>();
  let optionsKey = '';
  let current = 0;

  function run(request: ScoreRequest, onBatch: (batch: ScoreBatch) => void, schedule: Schedule): () => void {
    const run = ++current;
    const options = withDefaults(request.options);
    const nextOptionsKey = JSON.stringify(options);
    if (nextOptionsKey !== optionsKey) {
      cache = new Map();
      optionsKey = nextOptionsKey;
    }
    const { events, series } = request;
    // Reuse keys hash the judged values only: the requests behind a ratio and other versions change results they do not see.
    if (series.some((s) => s.total !== undefined || s.version !== undefined)) {
      cache = new Map();
    }
    // Prepared once per request: the reuse keys and every chunk read the same prepared series.
    const prepared = prepareScoringSeries(series);
    const ordered = orderEvents(events);
    const keys = reuseKeys(prepared, events, options, ordered);
    const nextCache = new Map<string, { key: string; impact: EventImpact }>();
    const reused: ScoreBatch['results'] = [];
    const invalid: number[] = [];
    const toScore: number[] = [];
    events.forEach((event, index) => {
      const key = keys[index];
      const id = idOf(event, index);
      const hit = key !== null ? cache.get(id) : undefined;
      if (key === null) {
        invalid.push(index);
      } else if (hit && hit.key === key) {
        reused.push({ index, impact: { ...hit.impact, event } });
        nextCache.set(id, hit);
      } else {
        toScore.push(index);
      }
    });
    cache = nextCache;

    // Newest first: the newest change decides the banner.
    const chunks = chunkByTime(toScore, events, options).reverse();
    if (invalid.length) {
      chunks.push(invalid);
    }
    onBatch({ results: reused, done: chunks.length === 0, reused: reused.length, scored: 0 });
    const next = (c: number) => {
      if (run !== current || c >= chunks.length) {
        return;
      }
      const wanted = chunks[c];
      const isInvalid = c === chunks.length - 1 && invalid.length > 0;
      // Events without an id get the one the engine would give them in the full list.
      const passed = isInvalid ? wanted : contextFor(ordered, wanted, events, options);
      const input = passed.map((i) => ({ ...events[i], id: idOf(events[i], i) }));
      const impacts = scorePreparedEvents(prepared, input, request.options);
      const position = new Map(passed.map((i, p) => [i, p]));
      const results = wanted.map((index) => {
        const impact = { ...impacts[position.get(index)!], event: events[index] };
        if (keys[index] !== null) {
          cache.set(idOf(events[index], index), { key: keys[index]!, impact });
        }
        return { index, impact };
      });
      onBatch({ results, done: c === chunks.length - 1, reused: 0, scored: results.length });
      schedule(() => next(c + 1));
    };
    schedule(() => next(0));
    return () => {
      if (run === current) {
        current++;
      }
    };
  }

  return { run };
}

function idOf(event: EngineEvent, index: number): string {
  return typeof event?.id === 'string' && event.id !== '' ? event.id : `event-${index + 1}`;
}

/** Indices split into runs of nearby times, oldest first; one run when the span is short. */
function chunkByTime(indices: number[], events: readonly EngineEvent[], options: ReturnType<typeof withDefaults>): number[][] {
  if (indices.length === 0) {
    return [];
  }
  const sorted = [...indices].sort((a, b) => events[a].time - events[b].time || a - b);
  const first = events[sorted[0]].time;
  const span = events[sorted[sorted.length - 1]].time - first;
  const reach = eventReach(options);
  const count = Math.max(1, Math.min(MAX_CHUNKS, Math.floor(span / (CHUNK_SPAN_REACHES * (reach.before + reach.after)))));
  const chunks: number[][] = Array.from({ length: count }, () => []);
  for (const i of sorted) {
    chunks[Math.min(count - 1, Math.floor(((events[i].time - first) / Math.max(1, span)) * count))].push(i);
  }
  return chunks.filter((c) => c.length > 0);
}
