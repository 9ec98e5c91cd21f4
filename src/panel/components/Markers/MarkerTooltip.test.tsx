import React from 'react';
import { render, screen } from '@testing-library/react';

import { makeScored } from '../../testing/makeScored';
import { MarkerTooltip } from './MarkerTooltip';

const T0 = Date.UTC(2026, 0, 5, 12);

/** A cluster of `total` deploys a minute apart, the first `pending` of them still being scored. */
function cluster(total: number, pending: number) {
  const items = Array.from({ length: total }, (_, i) => ({ ...makeScored({ id: `d${i}`, title: `Deploy ${i}`, time: T0 + i * 60_000 }), pending: i < pending }));
  return { x: 0, items };
}

describe("a cluster's tooltip", () => {
  // Regression: right after a refresh a cluster of 6 listed nothing yet said "and 2 more".
  it('counts "more" among the scored events only: those being scored are said in the title', () => {
    render(<MarkerTooltip cluster={cluster(6, 6)} nameOf={(id) => id} />);
    expect(screen.getByText(/6 events here.*\(6 still being scored\)/)).toBeInTheDocument();
    expect(screen.queryByText(/more$/)).not.toBeInTheDocument();
  });

  it('says how many scored events it does not list', () => {
    render(<MarkerTooltip cluster={cluster(7, 1)} nameOf={(id) => id} />);
    expect(screen.getByText('and 2 more')).toBeInTheDocument();
  });
});
