import { EventKind } from '../events/types';
import { PanelEvent } from './types';
import { attachGateVerdicts, GATE_MATCH_MS } from './attachGateVerdicts';

const T = Date.parse('2024-05-14T10:00:00Z');

function event(over: Partial<PanelEvent>): PanelEvent {
  return {
    id: 'x',
    time: T,
    timeEnd: null,
    title: '',
    text: '',
    kind: EventKind.Deploy,
    status: 'success',
    service: 'checkout',
    environment: 'production',
    version: '',
    commit: '',
    author: '',
    url: null,
    source: 'github',
    tags: [],
    ...over,
  };
}

describe('attachGateVerdicts', () => {
  const deploy = event({ id: 'github:deployment:1', version: 'v2.14.0', commit: 'abc' });
  const gate = event({ id: 'grafana:annotation:7', source: 'grafana', gateVerdict: 'roll_back', time: T + 20_000 });

  it("puts the gate's verdict on the deploy it judged and drops the annotation", () => {
    expect(attachGateVerdicts([deploy, gate])).toStrictEqual([{ ...deploy, gateVerdict: 'roll_back' }]);
  });

  it('picks the nearest deploy of the same service', () => {
    const earlier = event({ id: 'github:deployment:0', version: 'v2.13.0', time: T - 50_000 });
    const other = event({ id: 'github:deployment:2', version: 'v9', service: 'web', time: T + 20_000 });
    expect(attachGateVerdicts([earlier, deploy, other, gate]).map((e) => [e.id, e.gateVerdict])).toStrictEqual([
      ['github:deployment:0', undefined],
      ['github:deployment:1', 'roll_back'],
      ['github:deployment:2', undefined],
    ]);
  });

  describe('edge cases', () => {
    it('keeps a gate annotation that matches no deploy, as the deploy the gate judged', () => {
      const far = { ...gate, time: T + GATE_MATCH_MS + 1 };
      expect(attachGateVerdicts([deploy, far])).toStrictEqual([deploy, far]);
    });

    it('leaves events without gate verdicts as they are', () => {
      const events = [deploy, event({ id: 'flag', kind: EventKind.Flag })];
      expect(attachGateVerdicts(events)).toBe(events);
    });
  });
});
