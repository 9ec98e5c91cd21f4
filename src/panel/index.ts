// The panel's public entry point: what other rooms of the bundle (the app's pages) may use.
// Everything else under src/panel is the panel's own (src/importRules.test.ts holds to it).
export { EmptyState } from './components/EmptyState';
export { ImpactDisplay } from './components/ImpactDisplay';
export { filterEvents } from './data/filterEvents';
export { TimeZoneContext } from './data/TimeZoneContext';
export { DEFAULT_OPTIONS } from './options';
export { scoreAll } from './scoring/scoreAll';
export type { ScoredAll } from './scoring/scoreAll';
export { pendingImpact } from './scoring/useImpactScores';
export type { ScoredEvent } from './types';
