/**
 * What to say beside the verdict when *Requests series* is set but no series matches it (its
 * query failed, answered nothing, or the option names no series): every error series is then
 * judged as a count, not as a ratio, so a traffic surge can pass for harm. `queryErrors` are
 * the failed queries' lines ("Query RA: ..."), said as the likely cause. `requestsFound` and
 * `asCounts` and `ambiguous` are judgeInputs' (the series matched, the error series that found
 * none of their service and version, named when others did, and those whose requests could not
 * be told from other error series'). Null when the option is empty or every
 * error series has its requests.
 *
 * @example
 * requestsCaveat('requests', 0, ['Query RA: timeout']) // 'Judged as error counts, not ratios: no series matches "Requests series" ("requests"); Query RA: timeout'
 */
export function requestsCaveat(
  requestsMatch: string,
  requestsFound: number,
  queryErrors: readonly string[] = [],
  asCounts: readonly string[] = [],
  ambiguous: readonly string[] = []
): string | null {
  const match = requestsMatch.trim();
  if (!match) {
    return null;
  }
  if (requestsFound > 0) {
    const why = [
      ...(asCounts.length ? [`${asCounts.join(', ')} (no requests series of the same service and version)`] : []),
      ...(ambiguous.length ? [`${ambiguous.join(', ')} (several requests series and error series share their service and version: sum both queries by the same labels)`] : []),
    ];
    return why.length ? `Judged as error counts, not ratios: ${why.join('; ')}` : null;
  }
  return [`Judged as error counts, not ratios: no series matches "Requests series" ("${match}")`, ...queryErrors].join('; ');
}
