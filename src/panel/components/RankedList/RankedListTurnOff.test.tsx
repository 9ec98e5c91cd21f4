import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';

import { ActionOutcome } from '../../../act/types';
import { Verdict } from '../../../engine';
import { EventKind } from '../../../events/types';
import { ActingProvider } from '../../act/ActingContext';
import { TEST_IDS } from '../../testIds';
import { makeScored } from '../../testing/makeScored';
import { RankedList } from './RankedList';
import { ROW_HEIGHT } from './RankedRow';

// Turn off now in the ranked list: an option's content is presentational to assistive technology
// (WAI-ARIA: option has "Children Presentational: True"), and a listbox may own only options and
// groups; so the button must sit outside both, named for its flag, reachable by Tab.

const turnFlagOff = jest.fn();
jest.mock('@grafana/runtime', () => jest.requireActual('../../act/testing/actingRuntime').actingRuntime(() => ({ turnFlagOff })));

const TARGETS = [{ refId: 'F', datasource: { type: 'safedeploy-events-datasource', uid: 'safedeploy-events' }, provider: 'unleash' }];
const FLAG = makeScored(
  { id: 'unleash:7', title: 'semantic-search on', kind: EventKind.Flag, source: 'unleash', flagKey: 'semantic-search', environment: 'production', tags: ['project:default'], refId: 'F' },
  { verdict: Verdict.TurnOff, score: 80 }
);
const DEPLOY = makeScored({ id: 'deploy', title: 'Deploy v2' }, { score: 90, verdict: Verdict.RollBack });
const LOW = makeScored({ id: 'low', title: 'low' }, { score: 5 });

function show(onSelect = jest.fn()) {
  const scored = [LOW, FLAG, DEPLOY];
  render(
    <ActingProvider targets={TARGETS as never} events={scored} wanted>
      <RankedList scored={scored} height={10 * ROW_HEIGHT} onSelect={onSelect} />
    </ActingProvider>
  );
  return onSelect;
}

beforeEach(() => turnFlagOff.mockReset().mockResolvedValue({ outcome: ActionOutcome.Acted, message: 'turned flag semantic-search off in production (project default); Unleash confirms it', actedAt: 1 }));

describe('Turn off now in the ranked list', () => {
  it('is a button outside any option and outside the listbox, named for its flag and environment', async () => {
    show();
    const button = await screen.findByRole('button', { name: 'Turn off now: flag semantic-search in production' });
    expect(button.closest('[role="option"]')).toBeNull();
    expect(button.closest('[role="listbox"]')).toBeNull();
    expect(button).toHaveAttribute('data-testid', TEST_IDS.turnOffNow);
    // Shown on its row: the row it acts for describes it.
    const row = screen.getAllByRole('option').find((o) => o.getAttribute('data-event-id') === 'unleash:7')!;
    expect(button).toHaveAttribute('aria-describedby', row.id);
    expect(button.parentElement).toHaveStyle({ top: `${row.style.top}` });
  });

  it('is the next tab stop after the list; the list keeps one tab stop and its arrow keys', async () => {
    const onSelect = show();
    const button = await screen.findByRole('button', { name: /Turn off now/ });
    const options = screen.getAllByRole('option');
    expect(options.filter((o) => o.tabIndex === 0)).toHaveLength(1);
    expect(button.tabIndex).toBe(0);
    options[0].focus();
    fireEvent.keyDown(options[0], { key: 'ArrowDown' });
    expect(document.activeElement).toHaveAttribute('aria-posinset', '2');
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith(FLAG);
    // Enter on the button asks for the confirmation, and zooms nowhere.
    onSelect.mockReset();
    fireEvent.keyDown(button, { key: 'Enter' });
    fireEvent.click(button);
    expect(onSelect).not.toHaveBeenCalled();
    const dialog = await screen.findByRole('dialog');
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Turn off now' })));
    expect(await screen.findByTestId(TEST_IDS.actionResult)).toHaveTextContent(/^Turned off: /);
    // The result is text of the row, read with it.
    expect(screen.getByTestId(TEST_IDS.actionResult).closest('[role="option"]')).toHaveAttribute('data-event-id', 'unleash:7');
    expect(screen.queryByRole('button', { name: /Turn off now/ })).toBeNull();
  });
});
