export { ImpactGraph } from './ImpactGraph';
