export { ImpactGraph } from './ImpactGraph';
export type { PlotGeometry } from './ImpactGraph';
