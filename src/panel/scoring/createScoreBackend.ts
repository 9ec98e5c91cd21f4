import { createImpactScorer, ScoreBatch, ScoreRequest } from './createImpactScorer';
import type { ScoreMessage, ScoreReply } from './scoreMessages';

export interface ScoreBackend {
  /** Scores `request`, replacing any request still running; batches arrive through `onBatch`. */
  score: (request: ScoreRequest, onBatch: (batch: ScoreBatch) => void) => void;
  dispose: () => void;
  /** Where scoring runs, for the panel's status text and the tests. */
  readonly where: () => 'worker' | 'main thread';
}

/** The same scorer on the main thread, one chunk per macrotask so the page can paint between them. */
function mainThreadBackend(): ScoreBackend {
  const scorer = createImpactScorer();
  let cancel = () => {};
  return {
    score: (request, onBatch) => {
      cancel();
      cancel = scorer.run(request, onBatch, (task) => setTimeout(task, 0));
    },
    dispose: () => cancel(),
    where: () => 'main thread',
  };
}

/**
 * The scoring worker, started from its source inlined in the panel bundle (see
 * webpack.config.ts) through a Blob URL: it needs no URL of its own, so it starts the same
 * whether Grafana serves the plugin itself or from a CDN on another origin. Null where
 * workers are unavailable (tests, where the source is not built in) or refused (a content
 * security policy without blob: for workers); the error event covers refusals that come later.
 */
function startWorker(): Worker | null {
  const source = typeof __SCORE_WORKER_SOURCE__ === 'string' ? __SCORE_WORKER_SOURCE__ : null;
  if (!source || typeof Worker === 'undefined' || typeof Blob === 'undefined' || typeof URL.createObjectURL !== 'function') {
    return null;
  }
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    return new Worker(url, { name: 'safedeploy-score' });
  } catch {
    return null;
  } finally {
    // The worker has fetched its script by the time it runs; the URL is not needed again.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/**
 * Scoring off the main thread when a worker can start, else on it. A worker that fails to
 * load or errors hands the running and later requests to the main thread, so the panel
 * always gets its scores.
 *
 * @example
 * const backend = createScoreBackend();
 * backend.score({ series, events, options }, (batch) => apply(batch));
 */
export function createScoreBackend(): ScoreBackend {
  let worker = startWorker();
  let fallback: ScoreBackend | null = worker ? null : mainThreadBackend();
  let id = 0;
  let last: { request: ScoreRequest; onBatch: (batch: ScoreBatch) => void } | null = null;

  const toMainThread = () => {
    worker?.terminate();
    worker = null;
    fallback = fallback ?? mainThreadBackend();
    if (last) {
      fallback.score(last.request, last.onBatch);
    }
  };
  if (worker) {
    worker.onmessage = ({ data }: MessageEvent<ScoreReply>) => {
      if (data.id !== id || !last) {
        return;
      }
      if (data.error !== undefined) {
        toMainThread();
        return;
      }
      last.onBatch(data.batch);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      toMainThread();
    };
  }

  return {
    score: (request, onBatch) => {
      last = { request, onBatch };
      if (fallback) {
        fallback.score(request, onBatch);
        return;
      }
      const message: ScoreMessage = { id: ++id, request };
      try {
        worker!.postMessage(message);
      } catch {
        // Data the structured clone cannot copy: score here instead.
        toMainThread();
      }
    },
    dispose: () => {
      last = null;
      worker?.terminate();
      fallback?.dispose();
    },
    where: () => (fallback ? 'main thread' : 'worker'),
  };
}
