/** What the engine decides about a change, and what the gate, the panel and the app show. */
export enum Verdict {
  Healthy = 'healthy',
  Watch = 'watch',
  FixForward = 'fix_forward',
  RollBack = 'roll_back',
  /** A harmful flag change: turning the flag off undoes it in seconds, with no deploy. */
  TurnOff = 'turn_off',
  InsufficientData = 'insufficient_data',
  /** Incidents are drawn for context but are not changes, so they are not judged. */
  NotScored = 'not_scored',
}
