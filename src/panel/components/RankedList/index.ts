export { RankedList } from './RankedList';
