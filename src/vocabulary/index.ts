// Words the engine and the events both use. This folder imports nothing, so both can stand
// on it without leaning on each other.
export { EVENT_KINDS, EventKind } from './eventKind';
export { FLAG_OFF, FLAG_ON } from './flagStates';
export { Verdict } from './verdict';
