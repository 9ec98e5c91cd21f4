import { EventKind } from '../events/types';
import { PanelEvent } from './types';

/**
 * How far apart a gate annotation and the deploy it judged may start: the gate stamps the
 * deploy time it was given, which may be the pipeline's clock rather than the provider's.
 */
export const GATE_MATCH_MS = 60_000;

/**
 * Puts the release gate's verdicts (deploys read back from its Grafana annotations) on the
 * deploys they judged: same service, starts within GATE_MATCH_MS, the nearest one. A gate
 * annotation that matched is dropped (the deploy now carries its verdict); one that matched
 * nothing stays as the deploy the gate judged. O(g x d) for g gate annotations, d deploys.
 *
 * @example
 * attachGateVerdicts([deploy, { ...gateAnnotation, gateVerdict: 'roll_back' }]) // [{ ...deploy, gateVerdict: 'roll_back' }]
 */
export function attachGateVerdicts(events: PanelEvent[]): PanelEvent[] {
  const gates = events.filter((e) => e.gateVerdict && !e.version && !e.commit);
  if (gates.length === 0) {
    return events;
  }
  const deploys = events.filter((e) => e.kind === EventKind.Deploy && !gates.includes(e));
  const verdictOf = new Map<PanelEvent, string>();
  const matched = new Set<PanelEvent>();
  for (const gate of gates) {
    const nearest = deploys
      .filter((d) => d.service === gate.service && Math.abs(d.time - gate.time) <= GATE_MATCH_MS)
      .sort((a, b) => Math.abs(a.time - gate.time) - Math.abs(b.time - gate.time))[0];
    if (nearest) {
      verdictOf.set(nearest, gate.gateVerdict!);
      matched.add(gate);
    }
  }
  return events.filter((e) => !matched.has(e)).map((e) => (verdictOf.has(e) ? { ...e, gateVerdict: verdictOf.get(e) } : e));
}
