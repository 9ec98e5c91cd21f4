/**
 * The words of acting on a verdict: what to act on, the requests that read and change it, and
 * what came of it. Plain data, shared by the command line (gate, guard) and the panel.
 */

/** What SafeDeploy can undo, and where. Each names only what its API needs. */
export type ActionTarget =
  /** An Unleash flag in one environment of one project. */
  | { kind: 'unleash_flag'; project: string; flag: string; environment: string }
  /** A LaunchDarkly flag in one environment of one project. */
  | { kind: 'launchdarkly_flag'; project: string; flag: string; environment: string }
  /**
   * An Argo CD application, rolled back to the history entry before `historyId` (the sync
   * judged); without it, before the newest entry.
   */
  | { kind: 'argocd_application'; name: string; namespace?: string; historyId?: number }
  /**
   * An Argo Rollouts `Rollout` in a Kubernetes namespace, aborted only while it rolls out the
   * judged deploy (its version or commit names the current pod template).
   */
  | { kind: 'argo_rollout'; namespace: string; name: string; judged: JudgedDeploy };

/** What the judged deploy names that a Rollout's pod template can be matched on. */
export interface JudgedDeploy {
  /** The version it deployed: a pod template hash, an image tag or reference, a tag or ref; '' when none. */
  version: string;
  /** Its commit sha; '' when the provider does not say. */
  commit: string;
}

/** One request of an action, relative to the API's base URL. */
export interface ActionRequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** Path and query, e.g. `/api/v1/applications/guestbook?appNamespace=apps`. */
  path: string;
  /** The body's media type when not plain JSON (a merge patch, a semantic patch). */
  contentType?: string;
  /** The JSON body; absent for a GET. */
  body?: unknown;
}

/** What the current state calls for: the change, or why there is none. */
export type Decision =
  | {
      act: true;
      request: ActionRequest;
      /** Sent instead when the first answers 404 (a cluster without the status subresource). */
      onNotFound?: ActionRequest;
    }
  | { act: false; outcome: 'already_done' | 'refused'; message: string };

/** An action ready to run: read the state, decide, change it, and optionally read again to confirm. */
export interface ActionPlan {
  target: ActionTarget;
  /** The provider as people know it: "Unleash". */
  provider: string;
  /** The action in a few words: "turn flag semantic-search off in production". */
  what: string;
  /** Reads the current state first, so that a second run does nothing. */
  read: ActionRequest;
  /** The change as it is sent when the state calls for it, for --dry-run, which reads nothing. */
  preview: ActionRequest;
  /** Pure: the read's answer to a decision. */
  decide: (state: unknown) => Decision;
  /** Read again after the change and require `decide` to say `already_done` (flags: the provider reports it off). */
  confirm: boolean;
  /**
   * For a change the API carries out after accepting it (Argo CD runs a rollback as an
   * operation): what a read of the state after the change says of that operation, given the
   * state read before it. Pure. Absent: the change is done once accepted (or confirmed).
   */
  operationOf?: (before: unknown, after: unknown) => OperationRead;
}

/** What one read says of an operation the API runs after accepting a change. */
export interface OperationRead {
  /** pending: accepted, not started; running; succeeded; failed (it ended without doing the change). */
  state: 'pending' | 'running' | 'succeeded' | 'failed';
  /** The API's own word for it (Argo CD's phase: `Running`, `Succeeded`, `Failed`, `Error`); '' when none. */
  phase: string;
  /** The API's own message about it; '' when none. */
  message: string;
}

export enum ActionOutcome {
  /** The change was sent and accepted (and, where the plan confirms, seen). */
  Acted = 'acted',
  /** The state already is what the action would make it: nothing sent. */
  AlreadyDone = 'already_done',
  /** The action would be unsafe or impossible here (auto-sync on, no earlier history): nothing sent. */
  Refused = 'refused',
  /** A request failed, or the change did not show on the read after it. */
  Failed = 'failed',
  /** --dry-run: the requests were printed, none sent. */
  DryRun = 'dry_run',
}

export interface ActionResult {
  outcome: ActionOutcome;
  /** One sentence: what happened, or what to do. Never holds a secret (it passed the client's scrubber). */
  message: string;
  /** Epoch ms when the change was accepted (Acted only). */
  actedAt?: number;
  /**
   * What the operation the change started came to, when the plan has one and the caller followed
   * it (see RunActionOptions.follow): succeeded (Acted), failed (Failed), or still pending or
   * running when the deadline came (Acted: accepted, its end not seen).
   */
  operation?: OperationRead;
}

/** A flag in one environment, as the panel names it from a flag change event and the datasource turns it off. */
export interface FlagTarget {
  provider: 'unleash' | 'launchdarkly';
  project: string;
  flag: string;
  environment: string;
  /**
   * Epoch ms of the change judged, with its event id. With them the flag's changes since are read
   * first, and a later change (what is live now) leaves the flag alone.
   */
  judged?: { id: string; at: number };
}
