// The impact engine in a worker: the panel's main thread stays free to draw and answer the
// pointer while thousands of events are scored. Messages: ScoreMessage in, ScoreReply out.
import { createImpactScorer, ScoreBatch } from './createImpactScorer';
import type { ScoreMessage, ScoreReply } from './scoreMessages';

/**
 * Results per message at most: the main thread decodes each message in one go, so smaller
 * messages keep it answering the pointer between them.
 */
const RESULTS_PER_MESSAGE = 500;

const scorer = createImpactScorer();
const scope = self as unknown as { onmessage: ((e: MessageEvent<ScoreMessage>) => void) | null; postMessage: (reply: ScoreReply) => void };

function post(id: number, batch: ScoreBatch) {
  // `event` is the caller's own object: it stays on the caller's side.
  const results = batch.results.map(({ index, impact }) => ({ index, impact: { ...impact, event: { time: impact.time } } }));
  for (let at = 0; at < results.length || at === 0; at += RESULTS_PER_MESSAGE) {
    const slice = results.slice(at, at + RESULTS_PER_MESSAGE);
    const last = at + RESULTS_PER_MESSAGE >= results.length;
    scope.postMessage({
      id,
      batch: { results: slice, done: batch.done && last, reused: at === 0 ? batch.reused : 0, scored: at === 0 ? batch.scored : 0 },
    });
  }
}

scope.onmessage = ({ data }) => {
  try {
    scorer.run(data.request, (batch) => post(data.id, batch), (task) => setTimeout(task, 0));
  } catch (error) {
    scope.postMessage({ id: data.id, error: error instanceof Error ? error.message : String(error) });
  }
};
