export { DEFAULT_IMPACT_OPTIONS, withDefaults } from './defaults';
export { lowerBound, prepareSeries } from './prepareSeries';
export { scoreEvents, severityOf } from './scoreEvents';
export type { ScoreOptions } from './scoreEvents';
export * from './types';
