export { SeriesTooltip, seriesAt, SERIES_TOOLTIP_WIDTH } from './SeriesTooltip';
export type { SeriesTooltipRow } from './SeriesTooltip';
