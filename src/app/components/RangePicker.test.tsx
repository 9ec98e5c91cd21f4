import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { config } from '@grafana/runtime';

import { RangePicker } from './RangePicker';
import { resolveRange } from './useAppLocation';

const DAY = 86_400_000;
const TO = Date.UTC(2026, 10, 30);

describe('RangePicker', () => {
  // The radio group had no accessible name: a screen reader announced bare "30 days" choices.
  it('names the range choice "Range" for screen readers', () => {
    render(<RangePicker location={{ pathname: '/', hash: '', raw: { from: 'now-30d', to: 'now' }, range: { from: TO - 30 * DAY, to: TO } }} />);
    expect(screen.getByRole('group', { name: 'Range' })).toBeTruthy();
    const radios = screen.getByRole('radiogroup', { name: 'Range' });
    expect(within(radios).getAllByRole('radio').length).toBeGreaterThan(1);
  });

  // The pages showed UTC whatever zone the user chose in Grafana's preferences.
  it.each([
    ['Asia/Kolkata', '2026-11-29 05:30 Asia/Kolkata to 2026-11-30 05:30 Asia/Kolkata'],
    ['America/New_York', '2026-11-28 19:00 America/New_York to 2026-11-29 19:00 America/New_York'],
    ['utc', '2026-11-29 00:00 UTC to 2026-11-30 00:00 UTC'],
  ])("shows a zoomed range in the user's Grafana time zone %s, named", (timezone, text) => {
    const user = config.bootData.user;
    config.bootData.user = { ...user, timezone };
    try {
      const raw = { from: String(TO - DAY), to: String(TO) };
      render(<RangePicker location={{ pathname: '/', hash: '', raw, range: { from: TO - DAY, to: TO } }} />);
      expect(screen.getByRole('group', { name: 'Range' }).textContent).toContain(text);
    } finally {
      config.bootData.user = user;
    }
  });

  describe('edge cases', () => {
    // An address range that was no time showed other dates than it asked for, without a word.
    it.each([
      [{ from: 'yesterday', to: 'now' }, '"yesterday" is not a time'],
      [{ from: 'now-7d', to: 'soon' }, '"soon" is not a time'],
      [{ from: String(TO), to: String(TO - DAY) }, 'the range ends before it starts'],
    ])('says why the range %p is not used, and which dates are shown instead', (raw, problem) => {
      const { range, problem: why } = resolveRange(raw, TO);
      expect(why).toBe(problem);
      expect(range.to - range.from).toBe(30 * DAY);
      render(<RangePicker location={{ pathname: '/', hash: '', raw, range, rangeProblem: why }} />);
      expect(screen.getByRole('status').textContent).toBe(
        `The address's range could not be used (${problem}): showing the 30 days to ${new Date(range.to).toISOString().slice(0, 16).replace('T', ' ')} UTC. Choose a range here.`
      );
    });

    it('takes a readable range as written', () => {
      expect(resolveRange({ from: String(TO - DAY), to: String(TO) }, TO + DAY)).toStrictEqual({ range: { from: TO - DAY, to: TO }, problem: null });
    });
  });
});
