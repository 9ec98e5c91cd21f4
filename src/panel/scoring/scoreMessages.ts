import type { ScoreBatch, ScoreRequest } from './createImpactScorer';

/** To the scoring worker: a request replaces the one before. */
export interface ScoreMessage {
  id: number;
  request: ScoreRequest;
}

/** From the scoring worker: a batch of results, or why scoring failed. */
export type ScoreReply = { id: number; batch: ScoreBatch; error?: undefined } | { id: number; error: string; batch?: undefined };
