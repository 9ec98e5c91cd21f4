export { EventOverlay } from './EventOverlay';
