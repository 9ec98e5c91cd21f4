import React, { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { DataSourceRef, TimeZone } from '@grafana/schema';
import { config, getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import { Button, ConfirmModal, Modal } from '@grafana/ui';

import { actRoleOf, ActRole, roleIncludes } from '../../act/roles';
import { ActionOutcome, ActionResult, FlagTarget } from '../../act/types';
import { TEST_IDS } from '../testIds';
import { ScoredEvent } from '../types';
import { changedSince } from './changedSince';
import { actingDatasourceOf, flagTargetOf, PROVIDER_NAME } from './flagTarget';
import { Asked, whyStale } from './whyStale';

/** The app whose settings name the acting role. */
const APP_SETTINGS_URL = '/api/plugins/safedeploy-deploys-app/settings';

/** What a row of the panel may do about its event; one per event id. */
export type ActState = { phase: 'sending' } | { phase: 'done'; result: ActionResult };

/**
 * What a row offers for its event: the flag to turn off and the datasource that read it, or why
 * the panel cannot offer it (text for the row).
 */
export type Offer = Asked | { why: string };

export interface Acting {
  /** What this user may do about this event, or null (no action, or the role may not act). */
  offerOf: (scored: ScoredEvent) => Offer | null;
  /** Opens the confirmation for this event. */
  ask: (scored: ScoredEvent) => void;
  /** Where this event's action stands, once asked and confirmed. */
  stateOf: (eventId: string) => ActState | undefined;
}

const NO_ACTING: Acting = { offerOf: () => null, ask: () => undefined, stateOf: () => undefined };
const ActingContext = createContext<Acting>(NO_ACTING);

export const useActing = () => useContext(ActingContext);

/**
 * The lowest role the app lets act, read once from its settings. A user whose role is under
 * Editor never asks (the data proxy refuses them anyway); when the settings cannot be read,
 * the stricter Admin holds. Null while unknown.
 */
function useActRole(userRole: unknown, wanted: boolean): ActRole | null {
  const [role, setRole] = useState<ActRole | null>(null);
  const mayAsk = wanted && roleIncludes(userRole, 'Editor');
  useEffect(() => {
    if (!mayAsk || role !== null) {
      return;
    }
    let live = true;
    getBackendSrv()
      .get(APP_SETTINGS_URL, undefined, undefined, { showErrorAlert: false })
      .then(
        (settings: { jsonData?: { actRole?: unknown } } | undefined) =>
          live && setRole(actRoleOf(settings?.jsonData?.actRole)),
        () => live && setRole('Admin')
      );
    return () => {
      live = false;
    };
  }, [mayAsk, role]);
  return mayAsk ? role : null;
}

interface ActingDatasource {
  turnFlagOff?: (target: FlagTarget) => Promise<ActionResult>;
}

/**
 * Sends the turn-off through the datasource that read the event; says why when it cannot. Once the
 * datasource is asked, a change may have been sent, so an unexpected failure says the outcome is
 * not known rather than that nothing changed.
 */
async function send(ref: DataSourceRef, target: FlagTarget): Promise<ActionResult> {
  let ds: ActingDatasource;
  try {
    ds = (await getDataSourceSrv().get(ref)) as unknown as ActingDatasource;
  } catch {
    return {
      outcome: ActionOutcome.Failed,
      message: 'The data source that read this flag could not be loaded; nothing was changed.',
    };
  }
  if (typeof ds.turnFlagOff !== 'function') {
    return {
      outcome: ActionOutcome.Failed,
      message: 'This data source cannot turn flags off: update the SafeDeploy plugin.',
    };
  }
  try {
    return await ds.turnFlagOff(target);
  } catch {
    return {
      outcome: ActionOutcome.Failed,
      message: `turning flag ${target.flag} off in ${target.environment} failed unexpectedly, so whether it changed is not known: check it in ${PROVIDER_NAME[target.provider]}.`,
    };
  }
}

interface Props {
  /** The panel's queries, to find the datasource that read each flag change. */
  targets: Parameters<typeof actingDatasourceOf>[0];
  panelDatasource?: DataSourceRef | null;
  /**
   * The panel's scored events as they stand now: a confirmation is sent only if its event is
   * still among them, offered the same (the data may refresh while the confirmation is open).
   */
  events: readonly ScoredEvent[];
  /** True when some event is a flag judged Turn flag off, so the role is worth reading. */
  wanted: boolean;
  /** The dashboard's time zone, for the times the reasons name. */
  timeZone?: TimeZone;
  children: React.ReactNode;
}

/**
 * Lets the rows of the panel offer "Turn off now" on a flag judged *Turn flag off*, to users
 * whose Grafana role the app allows, and keeps each action's result for its event. The
 * confirmation names the flag, environment, project and provider. The token never reaches the
 * browser: the datasource sends the change through its acting data-proxy route.
 */
export function ActingProvider({ targets, panelDatasource, events, wanted, timeZone = 'utc', children }: Props) {
  const userRole = config.bootData?.user?.orgRole;
  const actRole = useActRole(userRole, wanted);
  const [asking, setAsking] = useState<(Asked & { scored: ScoredEvent }) | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [states, setStates] = useState<ReadonlyMap<string, ActState>>(new Map());
  const setState = useCallback((id: string, state: ActState) => setStates((prev) => new Map(prev).set(id, state)), []);

  const acting = useMemo<Acting>(() => {
    const allowed = actRole !== null && roleIncludes(userRole, actRole);
    const offerOf = (scored: ScoredEvent): Offer | null => {
      const target = allowed ? flagTargetOf(scored) : null;
      const source = target && actingDatasourceOf(targets, panelDatasource, target.provider, scored.event);
      if (!target || !source) {
        return null;
      }
      const since = changedSince(target, scored, events, timeZone);
      return since ? { why: since } : 'why' in source ? source : { target, ref: source.ref };
    };
    return {
      offerOf,
      stateOf: (id) => states.get(id),
      ask: (scored) => {
        const offer = offerOf(scored);
        if (offer && 'target' in offer) {
          setAsking({ scored, ...offer });
        }
      },
    };
  }, [actRole, userRole, targets, panelDatasource, events, states, timeZone]);

  const confirm = () => {
    if (!asking) {
      return;
    }
    const { scored, target, ref } = asking;
    const id = scored.event.id;
    setAsking(null);
    const now = events.find((e) => e.event.id === id);
    const stale = whyStale(asking, now, now ? acting.offerOf(now) : null);
    if (stale) {
      // Said in a dialog of its own: the change's row may be gone, and what it shows now is current.
      setNotice(stale);
      return;
    }
    setState(id, { phase: 'sending' });
    send(ref, target).then((result) => setState(id, { phase: 'done', result }));
  };

  return (
    <ActingContext.Provider value={acting}>
      {children}
      {asking && (
        <ConfirmModal
          isOpen
          title={`Turn flag ${asking.target.flag} off?`}
          body={`Turn flag ${asking.target.flag} off in environment ${asking.target.environment} (project ${asking.target.project}) in ${PROVIDER_NAME[asking.target.provider]}.`}
          description="Everyone in that environment gets the flag's off variation at once. Its rules stay, for turning it on again in the provider."
          confirmText="Turn off now"
          onConfirm={confirm}
          onDismiss={() => setAsking(null)}
        />
      )}
      {notice && (
        <Modal isOpen title="Flag not turned off" onDismiss={() => setNotice(null)}>
          <p data-testid={TEST_IDS.turnOffWithdrawn}>{notice}</p>
          <Modal.ButtonRow>
            <Button variant="secondary" onClick={() => setNotice(null)}>
              Close
            </Button>
          </Modal.ButtonRow>
        </Modal>
      )}
    </ActingContext.Provider>
  );
}
