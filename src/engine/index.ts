export { DEFAULT_IMPACT_OPTIONS, withDefaults } from './defaults';
export { lowerBound, prepareSeries } from './prepareSeries';
export { scoreEvents } from './scoreEvents';
export { severityOf } from './severity';
export { pairTotals } from './errorRatio';
export { describeComparison, describeComparisonShort, describeVersions } from './judgeVersions';
export type { ScoreOptions } from './scoreEvents';
export * from './types';
