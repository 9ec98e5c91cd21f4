/** When each read's signal will abort for its deadline, epoch ms: set by the read, asked by the HTTP client. */
const deadlines = new WeakMap<AbortSignal, number>();

/**
 * Records that `signal` aborts at `atMs` (the read's overall deadline), so that a wait the
 * server asks for (a rate limit's Retry-After) that would end after it is not begun: the
 * request ends at once saying it was rate limited, rather than sitting out the rest of the
 * read and then blaming the deadline.
 *
 * @example
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(new DeadlineExceeded(ms)), ms);
 * setReadDeadline(controller.signal, Date.now() + ms);
 */
export function setReadDeadline(signal: AbortSignal, atMs: number): void {
  deadlines.set(signal, atMs);
}

/** The instant `signal` aborts for its read's deadline, or null when none was set. */
export function readDeadlineOf(signal: AbortSignal | undefined): number | null {
  return signal ? (deadlines.get(signal) ?? null) : null;
}
