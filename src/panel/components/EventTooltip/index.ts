export { EventTooltip } from './EventTooltip';
