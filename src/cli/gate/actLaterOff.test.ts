/**
 * @jest-environment node
 */
// A flag turned off after the change judged (by the gate's earlier run, or by a person) is
// already undone: the gate says so, with the outcome already_done, and sends nothing. The flag's
// changes are read again before acting (a race with a person: tests/unleash/actRace.test.ts).
import { EngineEvent, Verdict } from '../../engine';
import { EventSource } from '../../events/types';
import { createScrubber } from '../../http/createScrubber';
import { actAfterGate, actionSite, actOnVerdict } from './act';
import { GateArgs } from './parseGateArgs';

const ON: EngineEvent = { time: 1_765_000_000_000, id: 'unleash:41', kind: 'flag', flagKey: 'semantic-search', environment: 'production', toState: 'on', tags: ['project:default'] };
const OFF: EngineEvent = { ...ON, id: 'unleash:42', time: ON.time + 9 * 60_000, toState: 'off' };

function act(read: EngineEvent[]) {
  const lines: string[] = [];
  // An unreachable URL: nothing may be sent.
  const from = { source: EventSource.Unleash, url: 'http://127.0.0.1:9', scope: 'default' };
  return actOnVerdict({ act: { dryRun: false, token: 't' }, verdict: Verdict.TurnOff, event: ON, from, read, reasons: [], timeoutMs: 1_000, redact: createScrubber([]), say: (l) => lines.push(l), now: Date.now }).then((acted) => ({ acted, lines }));
}

describe('a flag turned off after the change judged', () => {
  it('is already undone: said once, outcome already_done, the verdict\'s exit kept, nothing sent', async () => {
    const { acted, lines } = await act([ON, OFF]);
    expect(lines).toStrictEqual(['no action: flag semantic-search was already turned off in production at 2025-12-06T05:55:40.000Z, after the change judged; nothing to do.']);
    expect(acted).toStrictEqual({ exitCode: null, action: { outcome: 'already_done', message: lines[0] } });
  });

  it('turned on again after that is a later change, left alone as before', async () => {
    const again = { ...ON, id: 'unleash:43', time: OFF.time + 60_000 };
    const { acted, lines } = await act([ON, OFF, again]);
    expect(acted.action.outcome).toBe('none');
    expect(lines[0]).toMatch(/^no action: semantic-search was changed again in production at .* \(on\), after the change judged/);
  });
});

describe('which later change counts: the panel\'s rule (laterFlagChange)', () => {
  const from = { source: EventSource.Unleash, url: 'http://unleash:4242', scope: 'default' };
  const site = (read: EngineEvent[]) => actionSite(Verdict.TurnOff, ON, from, { dryRun: false }, read);

  it('a flag of the same name turned off in another project leaves this one to turn off', () => {
    const otherProject = { ...OFF, tags: ['project:payments'] };
    expect(site([ON, otherProject])).toMatchObject({ target: { kind: 'unleash_flag', project: 'default', flag: 'semantic-search', environment: 'production' } });
  });

  it('a later change whose flag or environment carries stray spaces is the same flag', () => {
    expect(site([ON, { ...OFF, flagKey: ' semantic-search ', environment: 'production ' }])).toStrictEqual({
      alreadyDone: 'flag semantic-search was already turned off in production at 2025-12-06T05:55:40.000Z, after the change judged; nothing to do',
    });
  });

  it('a judged change without an id still finds later changes without one', () => {
    const noId = (event: EngineEvent) => ({ ...event, id: undefined });
    const judged = noId(ON);
    expect(actionSite(Verdict.TurnOff, judged, from, { dryRun: false }, [judged, noId(OFF)])).toHaveProperty('alreadyDone');
  });

  it('acts in the project the tag names, trimmed, and reads tags that are not text as none', () => {
    expect(actionSite(Verdict.TurnOff, { ...ON, tags: ['project: payments '] }, from, { dryRun: false })).toMatchObject({
      target: { project: 'payments' },
    });
    expect(actionSite(Verdict.TurnOff, { ...ON, tags: [42, 'project:default'] }, from, { dryRun: false })).toMatchObject({ target: { project: 'default' } });
  });

  it('changes that name no project match a judged change that names none', () => {
    const noProject = (event: EngineEvent) => ({ ...event, tags: [] });
    const judged = noProject(ON);
    expect(actionSite(Verdict.TurnOff, judged, from, { dryRun: false }, [judged, noProject(OFF)])).toHaveProperty('alreadyDone');
  });
});

describe('the read again before turning a flag off', () => {
  it('failing, stops the action: a change made since the verdict\'s read cannot be ruled out', async () => {
    const lines: string[] = [];
    // Only what the hook reads of the gate's arguments; the provider is unreachable now.
    const events = { source: EventSource.Unleash, url: 'http://127.0.0.1:9', scope: 'default', environment: 'production', range: { from: 0, to: ON.time }, token: 't' };
    const args = { act: { dryRun: false, token: 't' }, deploy: { events }, timeoutMs: 1_000 } as Partial<GateArgs> as GateArgs;
    const report = { verdict: Verdict.TurnOff, reasons: [], metricsError: null };
    const acted = await actAfterGate(args, report, ON, createScrubber(['t']), (l) => lines.push(l), Date.now, [ON]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^no action: the flag's changes could not be read again before acting \(could not reach unleash .*\), so a change made since the verdict's read cannot be ruled out; run again\.$/i);
    expect(acted).toStrictEqual({ exitCode: null, action: { outcome: 'none', message: lines[0] } });
  });
});
