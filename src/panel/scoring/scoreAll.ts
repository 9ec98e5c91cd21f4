import { EventImpact } from '../../engine';
import { ScoreRequest } from './createImpactScorer';
import { createScoreBackend, ScoreBackend } from './createScoreBackend';

/** Every event's result, in the order of the request's events, and where they were computed. */
export interface ScoredAll {
  impacts: EventImpact[];
  where: 'worker' | 'main thread';
  /** Results taken from the previous scoring because nothing they depend on changed. */
  reused: number;
}

/** One backend for every caller of scoreAll: its worker starts once and its cache outlives a page. */
let shared: ScoreBackend | null = null;
/** The scoring in progress: the backend scores one request at a time, so calls wait their turn. */
let queue: Promise<unknown> = Promise.resolve();

function scoreNow(request: ScoreRequest): Promise<ScoredAll> {
  shared = shared ?? createScoreBackend();
  const backend = shared;
  return new Promise((resolve) => {
    const impacts = new Array<EventImpact>(request.events.length);
    let reused = 0;
    backend.score(request, (batch) => {
      reused += batch.reused;
      for (const { index, impact } of batch.results) {
        // From a worker, `event` comes back as its time only: the caller's own event goes back in.
        impacts[index] = { ...impact, event: request.events[index] };
      }
      if (batch.done) {
        resolve({ impacts, where: backend.where(), reused });
      }
    });
  });
}

/**
 * Scores every event of `request` through the panel's scoring backend: in a worker where one
 * starts (else on the main thread, a chunk per macrotask), newest events first in chunks,
 * reusing results of the previous request whose inputs did not change. Resolves once the
 * last batch is in, with exactly the results of one engine call over all events. Calls are
 * scored one after another, never cancelling each other. Cost: the engine's, off the page's
 * thread where a worker runs.
 *
 * @example
 * const { impacts } = await scoreAll({ series, events: events.map(toEngineEvent), options });
 */
export function scoreAll(request: ScoreRequest): Promise<ScoredAll> {
  const next = queue.then(
    () => scoreNow(request),
    () => scoreNow(request)
  );
  queue = next;
  return next;
}
