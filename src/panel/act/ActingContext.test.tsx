import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';

import { Verdict } from '../../engine';
import { EventKind } from '../../events/types';
import { TEST_IDS } from '../testIds';
import { ScoredEvent } from '../types';
import { makeScored } from '../testing/makeScored';
import { ActingProvider } from './ActingContext';
import { ActionStatus, TurnOffNow } from './TurnOffNow';

const turnFlagOff = jest.fn();
jest.mock('@grafana/runtime', () => jest.requireActual('./testing/actingRuntime').actingRuntime(() => ({ turnFlagOff })));

const TARGETS = [{ refId: 'F', datasource: { type: 'safedeploy-events-datasource', uid: 'safedeploy-events' }, provider: 'unleash' }];
const ON_AT = Date.UTC(2026, 0, 5, 10);
const FLAG = { kind: EventKind.Flag, source: 'unleash', flagKey: 'semantic-search', environment: 'production', tags: ['project:default'], refId: 'F' };
const JUDGED = makeScored({ ...FLAG, id: 'unleash:7', time: ON_AT, toState: 'on' }, { verdict: Verdict.TurnOff });

function show(events: ScoredEvent[], timeZone?: string) {
  return render(
    <ActingProvider targets={TARGETS as never} events={events} wanted timeZone={timeZone}>
      <ActionStatus scored={JUDGED} />
      <TurnOffNow scored={JUDGED} />
    </ActingProvider>
  );
}

beforeEach(() => turnFlagOff.mockReset());

describe('TurnOffNow after a later change of the same flag', () => {
  // Turned off by hand long after it recovered, then on again: the flag as it is now is that later
  // change's doing, judged on its own; turning it off would undo it on the strength of an old verdict.
  it('offers no button when the flag was changed again in that environment after the change judged, and says why', async () => {
    const off = makeScored({ ...FLAG, id: 'unleash:9', time: ON_AT + 3 * 3_600_000, toState: 'off' }, { verdict: Verdict.Healthy });
    const onAgain = makeScored({ ...FLAG, id: 'unleash:12', time: ON_AT + 5 * 3_600_000, toState: 'on' }, { verdict: Verdict.Healthy });
    show([JUDGED, off, onAgain]);
    await act(async () => undefined);
    expect(screen.queryByTestId(TEST_IDS.turnOffNow)).toBeNull();
    expect(await screen.findByTestId(TEST_IDS.turnOffUnavailable)).toHaveTextContent(
      /^Not offered: semantic-search was changed again in production at 2026-01-05 15:00:00 UTC \(on\), after this change: what is live now is that change; judge it, or turn the flag off in Unleash\.$/
    );
    expect(turnFlagOff).not.toHaveBeenCalled();
  });

  it('says a flag turned off since is already off, and offers no button', async () => {
    const off = makeScored({ ...FLAG, id: 'unleash:9', time: ON_AT + 3 * 3_600_000, toState: 'off' }, { verdict: Verdict.Healthy });
    show([JUDGED, off]);
    expect(await screen.findByTestId(TEST_IDS.turnOffUnavailable)).toHaveTextContent(
      'Not offered: semantic-search was already turned off in production at 2026-01-05 13:00:00 UTC, after this change.'
    );
    expect(screen.queryByTestId(TEST_IDS.turnOffNow)).toBeNull();
  });

  it("names the later change's time in the dashboard's zone, as the row beside it", async () => {
    const off = makeScored({ ...FLAG, id: 'unleash:9', time: ON_AT + 3 * 3_600_000, toState: 'off' }, { verdict: Verdict.Healthy });
    show([JUDGED, off], 'America/New_York');
    expect(await screen.findByTestId(TEST_IDS.turnOffUnavailable)).toHaveTextContent(
      'Not offered: semantic-search was already turned off in production at 2026-01-05 08:00:00, after this change.'
    );
  });

  it('still offers it when the later change is in another environment, of another flag, or earlier', async () => {
    const staging = makeScored({ ...FLAG, id: 'unleash:9', time: ON_AT + 3_600_000, environment: 'staging', toState: 'off' });
    const other = makeScored({ ...FLAG, id: 'unleash:10', time: ON_AT + 3_600_000, flagKey: 'new-checkout', toState: 'off' });
    const earlier = makeScored({ ...FLAG, id: 'unleash:5', time: ON_AT - 3_600_000, toState: 'off' });
    show([earlier, JUDGED, staging, other]);
    fireEvent.click(await screen.findByTestId(TEST_IDS.turnOffNow));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
  });
});

describe('TurnOffNow when the datasource fails unexpectedly while turning the flag off', () => {
  // The datasource was loaded and asked to act: the change may have been sent, so the row must not
  // say that nothing was changed, nor blame loading the datasource.
  it('says the outcome is unknown and where to check it, as text', async () => {
    turnFlagOff.mockRejectedValue(new Error('Cannot read properties of undefined (reading "events")'));
    show([JUDGED]);
    fireEvent.click(await screen.findByTestId(TEST_IDS.turnOffNow));
    fireEvent.click((await screen.findAllByRole('button', { name: /Turn off now/ })).at(-1)!);
    const result = await screen.findByTestId(TEST_IDS.actionResult);
    expect(result).toHaveAttribute('data-outcome', 'failed');
    expect(result).toHaveTextContent('Failed: turning flag semantic-search off in production failed unexpectedly, so whether it changed is not known: check it in Unleash.');
    expect(result).not.toHaveTextContent(/could not be loaded|nothing was changed|Cannot read properties/);
  });
});
