import React from 'react';
import { render, screen } from '@testing-library/react';

import { toEngineOptions } from '../../../frames/toEngineOptions';
import { DEFAULT_OPTIONS } from '../../options';
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
