export { ImpactPanel } from './ImpactPanel';
