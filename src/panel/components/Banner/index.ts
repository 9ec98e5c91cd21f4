export { Banner, dataLeftMs, newestChange } from './Banner';
