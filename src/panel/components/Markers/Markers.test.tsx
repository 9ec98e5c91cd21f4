import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { Verdict } from '../../../engine';
import { EventKind } from '../../../events/types';
import { pendingImpact } from '../../scoring/useImpactScores';
import { TEST_IDS } from '../../testIds';
import { makeScored } from '../../testing/makeScored';
import { Markers } from './Markers';

const T0 = Date.UTC(2026, 0, 5, 12);
const geometry = { left: 0, top: 0, width: 1000, height: 200, min: T0 - 6 * 3_600_000, max: T0 };

describe('Markers', () => {
  // Regression: under load the deploys arrived after the flag's marker had focus, the markers
  // were re-clustered, and the tooltip, kept by position, showed the first deploy of the range.
  it('keeps the focused marker open when new events arrive and push it to another position', () => {
    const flag = makeScored(
      { id: 'flag-on', title: 'Flag semantic-search turned on', kind: EventKind.Flag, time: T0 - 3 * 3_600_000 },
      { score: 80, verdict: Verdict.TurnOff }
    );
    const deploy = { ...makeScored({ id: 'v1.7.3', title: 'Deploy v1.7.3', time: T0 - 5 * 3_600_000 }), pending: true };
    const onActivate = jest.fn();
    const props = { geometry, boxWidth: 1000, boxHeight: 200, onActivate, onZoom: jest.fn() };
    const { rerender } = render(<Markers {...props} scored={[flag]} />);
    fireEvent.focus(screen.getByTestId(TEST_IDS.marker));
    expect(screen.getByTestId(TEST_IDS.tooltip)).toHaveTextContent('Flag semantic-search turned on');

    act(() => rerender(<Markers {...props} scored={[deploy, flag]} />));
    const tooltip = screen.getByTestId(TEST_IDS.tooltip);
    expect(tooltip).toHaveTextContent('Flag semantic-search turned on');
    expect(tooltip).not.toHaveTextContent('Being scored');
    expect(onActivate).toHaveBeenLastCalledWith(flag);
    const expanded = screen.getAllByTestId(TEST_IDS.marker).filter((m) => m.getAttribute('aria-expanded') === 'true');
    expect(expanded.map((m) => m.getAttribute('data-event-id'))).toStrictEqual(['flag-on']);
  });

  // Regression: an auto-refresh sends every event back to scoring; the tooltip was swapped for a
  // "being scored" one without the link, and the keyboard focus on the link was lost.
  it('keeps the open tooltip and its focused link while a refresh has the event scored again, without the old verdict', () => {
    const scored = makeScored({ id: 'd1', title: 'Deploy v2', url: 'https://ci.example.com/runs/1', time: T0 - 3 * 3_600_000 }, { score: 90, verdict: Verdict.RollBack });
    const props = { geometry, boxWidth: 1000, boxHeight: 200, onActivate: jest.fn(), onZoom: jest.fn() };
    const { rerender } = render(<Markers {...props} scored={[scored]} />);
    fireEvent.focus(screen.getByTestId(TEST_IDS.marker));
    const link = screen.getByRole('link', { name: 'Open CI run' });
    link.focus();
    expect(screen.getByTestId(TEST_IDS.tooltip)).toHaveTextContent('Roll back');

    act(() => rerender(<Markers {...props} scored={[{ event: scored.event, impact: pendingImpact(scored.event), pending: true }]} />));
    const tooltip = screen.getByTestId(TEST_IDS.tooltip);
    expect(tooltip).toHaveTextContent('Being scored');
    expect(tooltip).not.toHaveTextContent('Roll back');
    expect(screen.getByRole('link', { name: 'Open CI run' })).toBe(link);
    expect(link).toHaveFocus();
  });

  // Regression: a new time range (zoom, a moved relative range) without the open marker's event
  // closed its tooltip, but the windows it shaded stayed on the graph for an event no longer shown.
  it('lets the graph know the open marker is gone when its event leaves the range', () => {
    const deploy = makeScored({ id: 'd1', time: T0 - 5 * 3_600_000 }, { score: 90, verdict: Verdict.RollBack });
    const onActivate = jest.fn();
    const props = { boxWidth: 1000, boxHeight: 200, onActivate, onZoom: jest.fn() };
    const { rerender } = render(<Markers {...props} geometry={geometry} scored={[deploy]} />);
    fireEvent.focus(screen.getByTestId(TEST_IDS.marker));
    expect(onActivate).toHaveBeenLastCalledWith(deploy);
    act(() => rerender(<Markers {...props} geometry={{ ...geometry, min: T0 - 3_600_000 }} scored={[deploy]} />));
    expect(screen.queryByTestId(TEST_IDS.tooltip)).toBeNull();
    expect(onActivate).toHaveBeenLastCalledWith(null);
  });

  it('keeps the tooltip inside a panel narrower than the tooltip', () => {
    const narrow = { ...geometry, width: 260 };
    const deploy = makeScored({ id: 'd1', time: T0 - 3 * 3_600_000 }, { score: 90, verdict: Verdict.RollBack });
    render(<Markers scored={[deploy]} geometry={narrow} boxWidth={260} boxHeight={200} onActivate={jest.fn()} onZoom={jest.fn()} />);
    fireEvent.focus(screen.getByTestId(TEST_IDS.marker));
    const { left, width } = screen.getByTestId(TEST_IDS.tooltip).style;
    expect([left, width]).toStrictEqual(['0px', '260px']);
  });

  describe('keyboard', () => {
    const CI_RUN = 'https://github.com/shop/checkout/actions/runs/1';
    const bad = makeScored({ id: 'd1', time: T0 - 3 * 3_600_000, url: CI_RUN }, { score: 90, verdict: Verdict.RollBack });
    const later = makeScored({ id: 'd2', time: T0 - 1 * 3_600_000 }, { score: 5 });
    const props = { geometry, boxWidth: 1000, boxHeight: 200, onActivate: jest.fn(), onZoom: jest.fn() };
    /** Lets the tooltip's close grace period run out, as a user who stops to read would. */
    const wait = () => act(() => new Promise((resolve) => setTimeout(resolve, 300)));

    it.each([
      ['one marker', [bad]],
      ['a marker with another after it', [bad, later]],
    ])('reaches "Open CI run" in the focused marker\'s tooltip with Tab (%s)', async (_, scored) => {
      const user = userEvent.setup({ delay: null });
      render(<Markers {...props} scored={scored} />);
      await user.tab();
      expect(document.activeElement).toBe(screen.getAllByTestId(TEST_IDS.marker)[0]);
      await user.tab();
      await wait();
      const link = screen.getByRole('link', { name: 'Open CI run' });
      expect(link).toHaveAttribute('href', CI_RUN);
      expect(document.activeElement).toBe(link);
    });

    it('closes the tooltip when focus leaves it for the next marker or the page', async () => {
      const user = userEvent.setup({ delay: null });
      render(<Markers {...props} scored={[bad, later]} />);
      await user.tab();
      await user.tab();
      await user.tab();
      await wait();
      const [, second] = screen.getAllByTestId(TEST_IDS.marker);
      expect(document.activeElement).toBe(second);
      expect(screen.getAllByTestId(TEST_IDS.tooltip)).toHaveLength(1);
      expect(screen.getAllByTestId(TEST_IDS.marker).map((m) => m.getAttribute('aria-expanded'))).toStrictEqual(['false', 'true']);
      await user.tab();
      await wait();
      expect(screen.queryByTestId(TEST_IDS.tooltip)).toBeNull();
    });

    it('closes the tooltip on Escape from inside it and returns focus to its marker', async () => {
      const user = userEvent.setup({ delay: null });
      render(<Markers {...props} scored={[bad, later]} />);
      await user.tab();
      await user.tab();
      await user.keyboard('{Escape}');
      expect(screen.queryByTestId(TEST_IDS.tooltip)).toBeNull();
      expect(document.activeElement).toBe(screen.getAllByTestId(TEST_IDS.marker)[0]);
    });
  });
});
