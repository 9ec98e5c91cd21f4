/**
 * The flag a mistyped one most likely meant, or null when none is close: the one flag the
 * typed name begins (`--deploy-t` for `--deploy-time`), else the nearest by edit distance
 * within one edit per three characters typed (`--windw` for `--window`, `--fromat` for
 * `--format`, but nothing for `--foo`). Names are given and returned without their leading
 * dashes; of two flags equally near, the first listed. O(flags × length²).
 *
 * @example
 * nearestFlag('promtheus', ['prometheus', 'query']) // 'prometheus'
 * nearestFlag('zzz', ['prometheus', 'query']) // null
 */
export function nearestFlag(typed: string, flags: readonly string[]): string | null {
  const starting = typed.length >= 3 ? flags.filter((flag) => flag.startsWith(typed)) : [];
  if (starting.length === 1) {
    return starting[0];
  }
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const flag of flags) {
    const d = editDistance(typed, flag);
    if (d < bestDistance) {
      best = flag;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Edits (insert, delete, replace, or swap two neighbours) from a to b: the optimal string
 * alignment distance. Swaps count as one edit because swapped letters are the commonest typo
 * (`fromat`), which plain Levenshtein counts as two and would take for `from`.
 */
function editDistance(a: string, b: string): number {
  // Three rows of the dynamic programme: two back for the swap, one back, and the current one.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        current[j] = Math.min(current[j], before[j - 2] + 1);
      }
    }
    [before, previous] = [previous, current];
  }
  return previous[b.length];
}
