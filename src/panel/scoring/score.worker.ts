// The impact engine in a worker: the panel's main thread stays free to draw and answer the
// pointer while thousands of events are scored. Messages: ScoreMessage in, ScoreReply out.
import { createImpactScorer } from './createImpactScorer';
import type { ScoreMessage, ScoreReply } from './scoreMessages';

const scorer = createImpactScorer();
const scope = self as unknown as { onmessage: ((e: MessageEvent<ScoreMessage>) => void) | null; postMessage: (reply: ScoreReply) => void };

scope.onmessage = ({ data }) => {
  try {
    scorer.run(
      data.request,
      // `event` is the caller's own object: it stays on the caller's side.
      (batch) => scope.postMessage({ id: data.id, batch: { ...batch, results: batch.results.map(({ index, impact }) => ({ index, impact: { ...impact, event: { time: impact.time } } })) } }),
      (task) => setTimeout(task, 0)
    );
  } catch (error) {
    scope.postMessage({ id: data.id, error: error instanceof Error ? error.message : String(error) });
  }
};
