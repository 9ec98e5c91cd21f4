import { get, isRecord, text } from '../events/normalize';
import { ActionPlan, Decision, OperationRead } from './types';

/** Operation phases during which Argo CD refuses another operation. */
const BUSY_PHASES = new Set(['Running', 'Terminating']);

/**
 * Phases of a finished operation (gitops-engine `OperationPhase.Completed`): Succeeded, or Failed
 * and Error, which both end it without the sync done. Running and Terminating are under way.
 */
const ENDED: Record<string, OperationRead['state']> = { Succeeded: 'succeeded', Failed: 'failed', Error: 'failed' };

interface HistoryEntry {
  id: number;
  revision: string;
}

function historyOf(app: unknown): HistoryEntry[] {
  const history = get(app, 'status', 'history');
  return (Array.isArray(history) ? history : [])
    .map((entry) => ({ id: get(entry, 'id'), revision: text(get(entry, 'revision')) || text(get(entry, 'revisions', 0)) }))
    .filter((entry): entry is HistoryEntry => typeof entry.id === 'number');
}

/**
 * What the application's state calls for. Refused: automated sync (Argo CD itself refuses a
 * rollback then, and switching auto-sync off is the owner's call, never ours), an operation
 * running, a judged sync with no history entry, no entry before it, or newer syncs since it. Already done: the newest
 * entry is the previous revision again (a rollback, ours or a person's, already ran).
 */
function decideRollback(app: unknown, name: string, namespace: string | undefined, historyId: number | undefined): Decision {
  const refuse = (why: string): Decision => ({ act: false, outcome: 'refused', message: `not rolling back Argo CD application ${name}: ${why}` });
  if (!isRecord(app) || !isRecord(app.metadata)) {
    return refuse('the answer was not an application.');
  }
  // Argo CD's own test (IsAutomatedSyncEnabled): `automated` set and not `enabled: false`.
  const automated = get(app, 'spec', 'syncPolicy', 'automated');
  if (isRecord(automated) && automated.enabled !== false) {
    return refuse(
      'it syncs automatically (spec.syncPolicy.automated is set), and Argo CD refuses a rollback while it does. SafeDeploy never switches auto-sync off; revert the change in Git, or switch auto-sync off and run again.'
    );
  }
  const phase = text(get(app, 'status', 'operationState', 'phase'));
  if (BUSY_PHASES.has(phase)) {
    return refuse(`an operation is ${phase.toLowerCase()} on it; run again when it has finished.`);
  }
  if (historyId === undefined) {
    // The judged sync has no history entry (it was still running when read): the newest entry
    // may be an older sync, or a later one, and rolling back before it would undo the wrong one.
    return refuse('the judged sync has no history entry to roll back from; run again once it has finished.');
  }
  const history = historyOf(app);
  const judgedIndex = history.findIndex((entry) => entry.id === historyId);
  if (judgedIndex < 0) {
    return refuse(`its history no longer holds sync ${historyId}.`);
  }
  if (judgedIndex === 0) {
    return refuse('its history holds no sync before the one judged.');
  }
  const previous = history[judgedIndex - 1];
  const newest = history[history.length - 1];
  if (previous.revision === history[judgedIndex].revision) {
    return refuse(`the sync before the one judged deployed the same revision (${previous.revision.slice(0, 8)}); a rollback would change nothing.`);
  }
  if (judgedIndex < history.length - 1) {
    if (newest.revision === previous.revision) {
      return { act: false, outcome: 'already_done', message: `Argo CD application ${name} is already back at ${previous.revision.slice(0, 8)} (history ${newest.id}); nothing to do.` };
    }
    return refuse(`it was synced again after the judged sync (now history ${newest.id}, ${newest.revision.slice(0, 8)}); judge that sync instead.`);
  }
  const body = { name, id: previous.id, ...(namespace ? { appNamespace: namespace } : {}) };
  return { act: true, request: { method: 'POST', path: `/api/v1/applications/${encodeURIComponent(name)}/rollback`, body } };
}

/** The operation Argo CD last ran on an application, as `status.operationState` reads; null when none. */
function operationStateOf(app: unknown): { startedAt: string; revision: string; phase: string; message: string } | null {
  const state = get(app, 'status', 'operationState');
  if (!isRecord(state)) {
    return null;
  }
  const revision = text(get(state, 'operation', 'sync', 'revision')) || text(get(state, 'operation', 'sync', 'revisions', 0));
  return { startedAt: text(state.startedAt), revision, phase: text(state.phase), message: text(state.message) };
}

/**
 * What the application read after the rollback request says of the rollback's operation. Argo CD
 * sets the request as `operation`; its controller then records it in `status.operationState`
 * (phase Running, a new `startedAt`) and, once it ends, clears `operation` and sets the final
 * phase. The rollback is told from the operation before it by its start (the server may answer
 * from a cache that still holds the old state) and by the revision it syncs to (another sync
 * can follow only once ours ended, so a later one means ours was not seen).
 */
function rollbackOperation(before: unknown, after: unknown, revision: string | null): OperationRead {
  const prior = operationStateOf(before);
  const state = operationStateOf(after);
  const requested = isRecord(get(after, 'operation'));
  const ours = state !== null && state.startedAt !== '' && (prior === null || state.startedAt !== prior.startedAt);
  if (!ours) {
    return { state: 'pending', phase: '', message: requested ? 'requested; Argo CD has not started it' : 'not seen in the application yet' };
  }
  if (revision !== null && state.revision !== '' && state.revision !== revision) {
    return { state: 'pending', phase: state.phase, message: `the newest operation syncs ${state.revision.slice(0, 8)}, not the rollback's ${revision.slice(0, 8)}` };
  }
  const ended = requested ? undefined : ENDED[state.phase];
  return { state: ended ?? 'running', phase: state.phase, message: state.message };
}

/** The revision the rollback syncs to: the history entry before the judged sync's; null when the history does not say. */
function rollbackRevision(app: unknown, historyId: number | undefined): string | null {
  const history = historyOf(app);
  const judgedIndex = history.findIndex((entry) => entry.id === historyId);
  return judgedIndex > 0 ? history[judgedIndex - 1].revision || null : null;
}

/**
 * Rolling an Argo CD application back to the history entry before the judged sync: read the
 * application (`GET /api/v1/applications/{name}`), decide (see `decideRollback`), and `POST
 * /api/v1/applications/{name}/rollback` with that entry's `id`. Argo CD runs the rollback as an
 * operation after accepting it: `operationOf` reads its phase back from the application.
 *
 * @example
 * planArgoCdRollback({ kind: 'argocd_application', name: 'guestbook', historyId: 12 })
 */
export function planArgoCdRollback(target: { kind: 'argocd_application'; name: string; namespace?: string; historyId?: number }): ActionPlan {
  const rollback = `/api/v1/applications/${encodeURIComponent(target.name)}/rollback`;
  const query = target.namespace ? `?appNamespace=${encodeURIComponent(target.namespace)}` : '';
  return {
    target,
    provider: 'Argo CD',
    what: `roll Argo CD application ${target.name} back to the sync before ${target.historyId === undefined ? 'the newest' : `history ${target.historyId}`}`,
    read: { method: 'GET', path: `/api/v1/applications/${encodeURIComponent(target.name)}${query}` },
    // The entry's id is known only once the history is read.
    preview: { method: 'POST', path: rollback, body: { name: target.name, id: `(the history entry before ${target.historyId ?? 'the newest'})`, ...(target.namespace ? { appNamespace: target.namespace } : {}) } },
    decide: (app) => decideRollback(app, target.name, target.namespace, target.historyId),
    confirm: false,
    operationOf: (before, after) => rollbackOperation(before, after, rollbackRevision(before, target.historyId)),
  };
}
