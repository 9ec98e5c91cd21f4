export { QueryEditor } from './QueryEditor';
export { VariableQueryEditor } from './VariableQueryEditor';
