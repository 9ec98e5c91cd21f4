import { EventImpact, Severity, Verdict } from '../../engine';
import { EventKind } from '../../events/types';
import { PanelEvent } from '../../frames/types';
import { ScoredEvent } from '../types';

/** A scored event for component tests: a real shape with the fields a test cares about set. */
export function makeScored(event: Partial<PanelEvent> = {}, impact: Partial<EventImpact> = {}): ScoredEvent {
  const full: PanelEvent = {
    id: 'e1',
    time: Date.UTC(2026, 0, 5, 10),
    timeEnd: null,
    title: 'Deploy v2 to production',
    text: '',
    kind: EventKind.Deploy,
    status: 'success',
    service: 'checkout',
    environment: 'production',
    version: 'v2',
    commit: 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d',
    author: 'octocat',
    url: null,
    source: 'github',
    tags: [],
    flagKey: '',
    fromState: '',
    toState: '',
    ...event,
  };
  return {
    event: full,
    impact: {
      time: full.time,
      id: full.id,
      score: 50,
      severity: Severity.Medium,
      verdict: Verdict.Healthy,
      reasons: ['no significant harmful change in 1 series'],
      spike: null,
      series: [],
      moved: [],
      fixedBy: null,
      timeToRestoreMs: null,
      attribution: null,
      decisionTaken: null,
      event: { time: full.time, id: full.id },
      ...impact,
    },
  };
}
