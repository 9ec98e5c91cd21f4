import React from 'react';
import { render, screen } from '@testing-library/react';

import { toEngineOptions } from '../../../frames/toEngineOptions';
import { DEFAULT_OPTIONS } from '../../options';
import { makeScored } from '../../testing/makeScored';
import { ImpactDisplay, ImpactDisplayProps } from './ImpactDisplay';

// jsdom has no canvas to measure axis labels on: the graph is tested on its own.
jest.mock('../ImpactGraph', () => ({ ImpactGraph: () => <div data-testid="graph" /> }));

const NO_EVENTS = /^No deploy events in this time range/;

function props(overrides: Partial<ImpactDisplayProps>): ImpactDisplayProps {
  return {
    series: [{ id: 'A/1/errors', name: 'errors', times: [0, 60_000, 120_000], values: [1, 2, 1] }],
    scored: [],
    pending: 0,
    where: null,
    eventsRead: 0,
    from: 0,
    to: 3_600_000,
    width: 600,
    height: 400,
    display: DEFAULT_OPTIONS,
    scoreOptions: toEngineOptions(DEFAULT_OPTIONS),
    onZoom: jest.fn(),
    ...overrides,
  };
}

describe('ImpactDisplay notices', () => {
  it('says why no events are shown with the banner switched off', () => {
    render(<ImpactDisplay {...props({ display: { ...DEFAULT_OPTIONS, showBanner: false } })} />);
    expect(screen.getByTestId('graph')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(NO_EVENTS);
  });

  it('says why no events are shown in a short panel (a 4-row panel has about 120 px of body)', () => {
    render(<ImpactDisplay {...props({ height: 120 })} />);
    expect(screen.getByRole('status')).toHaveTextContent(NO_EVENTS);
  });

  it('gives the notice its whole text as a title, since a narrow panel cuts it to one line', () => {
    render(<ImpactDisplay {...props({ width: 240 })} />);
    const notice = screen.getByRole('status');
    expect(notice).toHaveAttribute('title', notice.textContent);
  });
});

describe('ImpactDisplay scoring progress', () => {
  const series = [{ id: 'A/1/errors', name: 'errors', times: [0, 3_600_000], values: [1, 1] }];
  const events = Array.from({ length: 2_000 }, (_, i) => makeScored({ id: `e${i}`, time: 1_000 + i }));
  const withPending = (pending: number) => events.map((s, i) => (i < pending ? { ...s, pending: true } : s));
  const spoken = () => {
    // What a screen reader hears of the live region: its text less what is hidden from it.
    const region = screen.getByRole('status').cloneNode(true) as HTMLElement;
    region.querySelectorAll('[aria-hidden="true"]').forEach((el) => el.remove());
    return region.textContent;
  };

  it('is announced once, not at every batch of scores, while the count shows on screen', () => {
    const { rerender } = render(<ImpactDisplay {...props({ series, scored: withPending(2_000), pending: 2_000, eventsRead: 2_000 })} />);
    const first = spoken();
    expect(first).toMatch(/Scoring 2,000 events/);
    for (const pending of [1_500, 900, 1]) {
      rerender(<ImpactDisplay {...props({ series, scored: withPending(pending), pending, eventsRead: 2_000 })} />);
      expect(screen.getByRole('status')).toHaveTextContent(`${(2_000 - pending).toLocaleString('en')} done`);
      expect(spoken()).toBe(first);
    }
  });
});
