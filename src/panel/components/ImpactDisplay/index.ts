export { ImpactDisplay } from './ImpactDisplay';
export type { DisplayOptions, ImpactDisplayProps } from './ImpactDisplay';
