export { judgeSequentially, describeSequential } from './judgeSequentially';
export { logNormalMixture, sumBoundary } from './normalMixture';
export { sequentialSeries } from './sequentialSeries';
export type { SequentialDecision, SequentialOptions } from './types';
export { sequentialVersions } from './sequentialVersions';
export type { VersionsDecision } from './sequentialVersions';
export { settledSeries, withSettled } from './settled';
