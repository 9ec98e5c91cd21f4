/**
 * What to say beside the verdict when *Requests series* is set but no series matches it (its
 * query failed, answered nothing, or the option names no series): every error series is then
 * judged as a count, not as a ratio, so a traffic surge can pass for harm. `queryErrors` are
 * the failed queries' lines ("Query RA: ..."), said as the likely cause. `requestsFound` and
 * `asCounts` are judgeInputs' (the series matched, and the error series that found none of
 * their service and version, named when others did). Null when the option is empty or every
 * error series has its requests.
 *
 * @example
 * requestsCaveat('requests', 0, ['Query RA: timeout']) // 'Judged as error counts, not ratios: no series matches "Requests series" ("requests"); Query RA: timeout'
 */
export function requestsCaveat(requestsMatch: string, requestsFound: number, queryErrors: readonly string[] = [], asCounts: readonly string[] = []): string | null {
  const match = requestsMatch.trim();
  if (!match) {
    return null;
  }
  if (requestsFound > 0) {
    return asCounts.length ? `Judged as error counts, not ratios: ${asCounts.join(', ')} (no requests series of the same service and version)` : null;
  }
  return [`Judged as error counts, not ratios: no series matches "Requests series" ("${match}")`, ...queryErrors].join('; ');
}
