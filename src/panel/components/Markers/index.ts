export { Markers } from './Markers';
