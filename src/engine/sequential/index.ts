export { judgeSequentially, describeSequential } from './judgeSequentially';
export { logNormalMixture, sumBoundary } from './normalMixture';
export { sequentialSeries } from './sequentialSeries';
export type { SequentialDecision, SequentialOptions } from './types';
