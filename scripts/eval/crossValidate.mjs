// Leave-one-file-out cross-validation of option choices on the NAB deploy benchmark: for each
// file, the option set with the best AUC on the other files is chosen and then scores that
// file's events; the held-out scores of all files are pooled into one AUC.
import { rocAuc } from './nab.mjs';

const aucOf = (rows) =>
  rocAuc(
    rows.filter((r) => r.harmful).map((r) => r.score),
    rows.filter((r) => !r.harmful).map((r) => r.score)
  );

/**
 * `scored` maps each candidate's name to its rows ({ file, harmful, score, verdict }), all
 * candidates over the same events. Ties go to the earlier candidate (the documented defaults
 * come first). Returns the pooled held-out AUC, the held-out rows, and the choice per file.
 */
export function leaveOneFileOut(candidates, scored) {
  const files = [...new Set(scored[candidates[0]].map((r) => r.file))];
  const heldOut = [];
  const choices = [];
  for (const file of files) {
    let best = null;
    let bestAuc = -Infinity;
    for (const name of candidates) {
      const auc = aucOf(scored[name].filter((r) => r.file !== file));
      if (auc > bestAuc + 1e-12) {
        best = name;
        bestAuc = auc;
      }
    }
    choices.push({ file, chosen: best, trainAuc: bestAuc });
    heldOut.push(...scored[best].filter((r) => r.file === file));
  }
  const inSample = Object.fromEntries(candidates.map((name) => [name, aucOf(scored[name])]));
  return { auc: aucOf(heldOut), heldOut, choices, inSample };
}
