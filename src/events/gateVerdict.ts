import { Verdict } from '../vocabulary';

/** The tag every annotation the release gate writes carries (`safedeploy gate --annotate`). */
export const GATE_TAG = 'safedeploy';
/** Prefix of the tag that carries the gate's verdict (`verdict:roll_back`). */
export const VERDICT_TAG_PREFIX = 'verdict:';

const VERDICTS = new Set<string>(Object.values(Verdict));

/**
 * The verdict the release gate wrote on an annotation, from its tags: '' unless the tags
 * carry `safedeploy` and a `verdict:` tag naming a known verdict.
 *
 * @example
 * gateVerdictOf(['safedeploy', 'service:checkout', 'verdict:roll_back']) // 'roll_back'
 * gateVerdictOf(['verdict:roll_back']) // '' (not written by the gate)
 */
export function gateVerdictOf(tags: readonly string[]): string {
  if (!tags.includes(GATE_TAG)) {
    return '';
  }
  const verdict = tags.find((t) => t.startsWith(VERDICT_TAG_PREFIX))?.slice(VERDICT_TAG_PREFIX.length) ?? '';
  return VERDICTS.has(verdict) ? verdict : '';
}
