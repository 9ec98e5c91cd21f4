import { HeldSecrets } from './holdSecrets';

/** Exit statuses of `events` and `score`, as their usage texts document them (the gate has its own, GATE_EXIT). */
export enum ExitStatus {
  Ok = 0,
  Failed = 1,
  Usage = 2,
  Partial = 3,
}

/** What a command writes to and reads from: the process, or a test's buffers and clock. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Writes JSON text (whole values, or whole items of a list) to stdout: secrets are removed from
   * its strings only, so it stays JSON of the same shape. Absent, JSON goes through `stdout`.
   */
  json?: (text: string) => void;
  env: Record<string, string | undefined>;
  now: () => number;
  /** The process's secrets; stdout and stderr already pass its scrubbers. */
  secrets?: HeldSecrets;
}
