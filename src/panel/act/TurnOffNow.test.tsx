import React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';

import { ActionOutcome } from '../../act/types';
import { Verdict } from '../../engine';
import { EventKind } from '../../events/types';
import { TEST_IDS } from '../testIds';
import { makeScored } from '../testing/makeScored';
import { ActingProvider } from './ActingContext';
import { ActionStatus, TurnOffNow } from './TurnOffNow';

const settingsGet = jest.fn();
const turnFlagOff = jest.fn();
const datasourceAsked = jest.fn();
const user = { orgRole: 'Editor' };
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  config: { bootData: { user: { get orgRole() { return user.orgRole; } } } },
  getBackendSrv: () => ({ get: settingsGet }),
  getDataSourceSrv: () => ({
    get: async (ref: { uid: string }) => {
      datasourceAsked(ref.uid);
      return { turnFlagOff };
    },
  }),
}));

const TARGETS = [{ refId: 'F', datasource: { type: 'safedeploy-events-datasource', uid: 'safedeploy-events' }, provider: 'unleash' }];
const FLAG = makeScored(
  { id: 'unleash:7', kind: EventKind.Flag, source: 'unleash', flagKey: 'semantic-search', environment: 'production', tags: ['project:default'], refId: 'F' },
  { verdict: Verdict.TurnOff }
);

/** The panel with one row; `events` are the panel's scored events, the row's own by default. */
function panel(scored = FLAG, targets: unknown[] = TARGETS, events = [scored]) {
  return (
    <ActingProvider targets={targets as never} events={events} wanted>
      <ActionStatus scored={scored} />
      <TurnOffNow scored={scored} />
    </ActingProvider>
  );
}

const show = (scored = FLAG, targets: unknown[] = TARGETS) => render(panel(scored, targets));

/** Clicks the confirmation's own "Turn off now" (the last of the two buttons so named). */
const confirm = async () => fireEvent.click((await screen.findAllByRole('button', { name: /Turn off now/ })).at(-1)!);

beforeEach(() => {
  user.orgRole = 'Editor';
  settingsGet.mockReset().mockResolvedValue({ jsonData: {} });
  turnFlagOff.mockReset();
  datasourceAsked.mockReset();
});

describe('TurnOffNow', () => {
  it('lets an Editor confirm a turn-off that names the flag, environment, project and provider, and shows the result', async () => {
    turnFlagOff.mockResolvedValue({ outcome: ActionOutcome.Acted, message: 'turned flag semantic-search off in production (project default); Unleash confirms it', actedAt: 1 });
    show();
    fireEvent.click(await screen.findByTestId(TEST_IDS.turnOffNow));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Turn flag semantic-search off in environment production (project default) in Unleash.');
    expect(turnFlagOff).not.toHaveBeenCalled();
    fireEvent.click(screen.getAllByRole('button', { name: /Turn off now/ }).at(-1)!);
    const result = await screen.findByTestId(TEST_IDS.actionResult);
    expect(result).toHaveTextContent(/^Turned off: turned flag semantic-search off .*Unleash confirms it$/);
    expect(result).toHaveAttribute('data-outcome', 'acted');
    // With the change judged, so the datasource reads the flag's changes since it first.
    expect(turnFlagOff).toHaveBeenCalledWith({ provider: 'unleash', project: 'default', flag: 'semantic-search', environment: 'production', judged: { id: 'unleash:7', at: FLAG.event.time } });
  });

  it('does not also select (zoom to) the row it sits in', async () => {
    const onRow = jest.fn();
    render(
      <ActingProvider targets={TARGETS as never} events={[FLAG]} wanted>
        <div onClick={onRow} onKeyDown={onRow}>
          <ActionStatus scored={FLAG} />
      <TurnOffNow scored={FLAG} />
        </div>
      </ActingProvider>
    );
    const button = await screen.findByTestId(TEST_IDS.turnOffNow);
    fireEvent.keyDown(button, { key: 'Enter' });
    fireEvent.click(button);
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onRow).not.toHaveBeenCalled();
  });

  it('sends nothing when the confirmation is dismissed', async () => {
    show();
    fireEvent.click(await screen.findByTestId(TEST_IDS.turnOffNow));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(turnFlagOff).not.toHaveBeenCalled();
  });

  it('shows a failed action as text, without a stack trace', async () => {
    turnFlagOff.mockResolvedValue({ outcome: ActionOutcome.Failed, message: 'could not turn flag semantic-search off: HTTP 403' });
    show();
    fireEvent.click(await screen.findByTestId(TEST_IDS.turnOffNow));
    fireEvent.click(screen.getAllByRole('button', { name: /Turn off now/ }).at(-1)!);
    const result = await screen.findByTestId(TEST_IDS.actionResult);
    expect(result).toHaveAttribute('data-outcome', 'failed');
    expect(result).toHaveTextContent('Failed: could not turn flag semantic-search off: HTTP 403');
  });

  it('offers nothing to a Viewer, and does not even read the app settings', async () => {
    user.orgRole = 'Viewer';
    show();
    await act(async () => undefined);
    expect(screen.queryByTestId(TEST_IDS.turnOffNow)).toBeNull();
    expect(settingsGet).not.toHaveBeenCalled();
  });

  it('offers nothing to an Editor when the app lets only Admins act, and offers it to an Admin', async () => {
    settingsGet.mockResolvedValue({ jsonData: { actRole: 'Admin' } });
    const { unmount } = show();
    await waitFor(() => expect(settingsGet).toHaveBeenCalled());
    await act(async () => undefined);
    expect(screen.queryByTestId(TEST_IDS.turnOffNow)).toBeNull();
    unmount();
    user.orgRole = 'Admin';
    show();
    expect(await screen.findByTestId(TEST_IDS.turnOffNow)).toBeInTheDocument();
  });

  it('holds the stricter Admin when the app settings cannot be read', async () => {
    settingsGet.mockRejectedValue({ status: 500 });
    show();
    await waitFor(() => expect(settingsGet).toHaveBeenCalled());
    await act(async () => undefined);
    expect(screen.queryByTestId(TEST_IDS.turnOffNow)).toBeNull();
  });

  it('offers nothing when no SafeDeploy Events query of the panel read that provider', async () => {
    show(FLAG, []);
    await waitFor(() => expect(settingsGet).toHaveBeenCalled());
    await act(async () => undefined);
    expect(screen.queryByTestId(TEST_IDS.turnOffNow)).toBeNull();
  });

  describe('two Unleash datasources in one panel', () => {
    // CONSTRUCTED: queries EU and US read two Unleash instances, each through its own datasource.
    const BOTH = [
      { refId: 'EU', datasource: { type: 'safedeploy-events-datasource', uid: 'unleash-eu' }, provider: 'unleash' },
      { refId: 'US', datasource: { type: 'safedeploy-events-datasource', uid: 'unleash-us' }, provider: 'unleash' },
    ];

    it('turns the flag off through the datasource whose query read the change, not the first one', async () => {
      turnFlagOff.mockResolvedValue({ outcome: ActionOutcome.Acted, message: 'ok', actedAt: 1 });
      show(makeScored({ ...FLAG.event, refId: 'US' }, FLAG.impact), BOTH);
      fireEvent.click(await screen.findByTestId(TEST_IDS.turnOffNow));
      fireEvent.click((await screen.findAllByRole('button', { name: /Turn off now/ })).at(-1)!);
      await screen.findByTestId(TEST_IDS.actionResult);
      expect(datasourceAsked.mock.calls).toStrictEqual([['unleash-us']]);
    });

    it('offers no button when the change does not say which read it, and says why on the row', async () => {
      show(makeScored({ ...FLAG.event, refId: undefined }, FLAG.impact), BOTH);
      const why = await screen.findByTestId(TEST_IDS.turnOffUnavailable);
      expect(why).toHaveTextContent(
        'Not offered: this change names no query of this panel and no annotation layer, so which Unleash data source read it is not known here: turn the flag off in Unleash.'
      );
      expect(screen.queryByTestId(TEST_IDS.turnOffNow)).toBeNull();
    });
  });

  describe('when the data refreshes while the confirmation is open', () => {
    const HEALTHY = makeScored(FLAG.event, { verdict: Verdict.Healthy });
    const OTHER_DATASOURCE = [{ ...TARGETS[0], datasource: { type: 'safedeploy-events-datasource', uid: 'unleash-staging' } }];

    async function openThenRefresh(view: ReturnType<typeof render>, refreshed: React.ReactElement) {
      fireEvent.click(await screen.findByTestId(TEST_IDS.turnOffNow));
      await screen.findByRole('dialog');
      view.rerender(refreshed);
      await confirm();
      await act(async () => undefined);
    }

    it.each([
      ['the change is now judged Healthy', panel(HEALTHY), 'this change is now judged Healthy'],
      ['a later change fixed it', panel(makeScored(FLAG.event, { ...FLAG.impact, fixedBy: 'unleash:8' })), 'a later change already fixed this one'],
      ['the change is gone from the panel', panel(FLAG, TARGETS, []), 'this change is no longer in the panel'],
      ['its query now reads another datasource', panel(FLAG, OTHER_DATASOURCE), 'what this change would turn off (flag, environment, project or data source) changed'],
    ])('sends nothing when %s, and says why as text', async (_, refreshed, why) => {
      await openThenRefresh(show(), refreshed);
      expect(turnFlagOff).not.toHaveBeenCalled();
      const notice = await screen.findByTestId(TEST_IDS.turnOffWithdrawn);
      expect(notice).toHaveTextContent(`the data refreshed while the confirmation was open: ${why}`);
      expect(notice).toHaveTextContent(/Nothing was sent\.$/);
      expect(screen.queryByText('Turn flag semantic-search off?')).toBeNull(); // the confirmation closed
    });

    it('still sends when the change is still judged Turn flag off, read the same way', async () => {
      turnFlagOff.mockResolvedValue({ outcome: ActionOutcome.Acted, message: 'ok', actedAt: 1 });
      await openThenRefresh(show(), panel(makeScored(FLAG.event, FLAG.impact)));
      expect(await screen.findByTestId(TEST_IDS.actionResult)).toHaveAttribute('data-outcome', 'acted');
      expect(screen.queryByTestId(TEST_IDS.turnOffWithdrawn)).toBeNull();
    });
  });
});
