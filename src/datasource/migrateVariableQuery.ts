import { EventSource } from '../events/types';
import { EventsVariableQuery, VariableKind } from './types';

/** The refId a variable query gets when it was saved without one. */
export const VARIABLE_REF_ID = 'SafeDeployVariableQuery';

const KINDS = Object.values(VariableKind) as string[];
const SOURCES = Object.values(EventSource) as string[];

/**
 * A saved variable query as the CustomVariableSupport query it is now. Dashboards saved with
 * the former `metricFindQuery` variables hold `{ kind, query }` without a refId; hand-written
 * ones may hold the editor's definition text (`services of github shop/checkout, shop/web`).
 * Anything else lists services of an empty GitHub query, which the editor then shows to fix.
 *
 * @example
 * migrateVariableQuery('environments of gitlab shop/web')
 * // => { refId: 'SafeDeployVariableQuery', kind: 'environments', query: { refId: 'variable', provider: 'gitlab', scope: 'shop/web' } }
 */
export function migrateVariableQuery(saved: unknown): EventsVariableQuery {
  if (typeof saved === 'string') {
    return fromDefinition(saved);
  }
  const object = (saved ?? {}) as Partial<EventsVariableQuery>;
  const kind = KINDS.includes(String(object.kind)) ? (object.kind as VariableKind) : VariableKind.Services;
  const query = object.query ?? { refId: 'variable', provider: EventSource.GitHub, scope: '' };
  return { ...object, refId: object.refId || VARIABLE_REF_ID, kind, query };
}

function fromDefinition(text: string): EventsVariableQuery {
  const match = /^\s*(\w+)\s+of\s+([\w-]+)\s*(.*)$/.exec(text);
  const kind = match && KINDS.includes(match[1]) ? (match[1] as VariableKind) : VariableKind.Services;
  const provider = match && SOURCES.includes(match[2]) ? (match[2] as EventSource) : EventSource.GitHub;
  return { refId: VARIABLE_REF_ID, kind, query: { refId: 'variable', provider, scope: match ? match[3].trim() : '' } };
}
