// DORA's keys and the rule for a failed change: one computation for the panel's summary line,
// the app's pages, the readiness review and the Markdown export.
export { buildChanges } from './buildChanges';
export { buildFlagChanges, isFlagChange } from './buildFlagChanges';
export { buildServiceDeploys, isDeploy } from './buildServiceDeploys';
export { changesText } from './changesText';
export { computeKeys } from './computeKeys';
export { cutoffsOf, DORA_LEVELS } from './doraLevels';
export { atMost, keepSides, roundTo, significantDecimals, under } from './keepSides';
export type { Cutoff, Figure, Rounding } from './keepSides';
export { formatMs, formatPercent, judgedText, keyCells, noneJudged, summaryLine } from './formatKeys';
export { FAILED_VERDICTS, isFailedChange } from './isFailedChange';
export type { FlagChange, ServiceDeploy, ServiceKeys } from './types';
