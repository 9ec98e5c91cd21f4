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
 * The scoring worker, built into the panel bundle as its own chunk next to module.js. Its
 * URL resolves against the plugin's public path (set at load time by create-plugin), so it
 * comes from /public/plugins/<id>/ like the rest of the plugin. Null where workers are
 * unavailable (tests, locked-down pages) or the browser refuses the script (another origin).
 */
function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') {
    return null;
  }
  try {
    return new Worker(new URL('./score.worker.ts', import.meta.url), { name: 'safedeploy-score' });
  } catch {
    return null;
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
