import React from 'react';
import { render, screen } from '@testing-library/react';

import { scoreEvents, Verdict } from '../../../engine';
import { SeriesDisplayContext } from '../../data/SeriesDisplayContext';
import { PLAIN_DISPLAY } from '../../data/seriesDisplays';
import { stepSeries } from '../../testing/stepSeries';
import { makeScored } from '../../testing/makeScored';
import { EventTooltip } from './EventTooltip';

describe('EventTooltip', () => {
  it('shows who, what, where, the verdict and every reason', () => {
    render(
      <EventTooltip
        scored={makeScored(
          { url: 'https://ci.example.com/run/7', author: 'lena' },
          {
            verdict: Verdict.RollBack,
            score: 71.4,
            reasons: ['checkout errors 2.2x baseline', 'still elevated'],
            fixedBy: 'v3',
            timeToRestoreMs: 27 * 60_000,
            moved: ['errors'],
            spike: { peak: 84, peakRatio: 4.2, excess: 1243, excessMs: 25 * 60_000, budgetBurned: 0.12 },
          }
        )}
      />
    );
    expect(screen.getByText('Roll back')).toBeInTheDocument();
    expect(screen.getByText('score 71')).toBeInTheDocument();
    expect(screen.getByText('lena')).toBeInTheDocument();
    expect(screen.getByText('a84d88e7554f')).toBeInTheDocument();
    expect(screen.getByText('checkout errors 2.2x baseline')).toBeInTheDocument();
    expect(screen.getByText('peak 4.2x, about 1,240 extra over 25 min, 12% of the error budget')).toBeInTheDocument();
    expect(screen.getByText('Fixed by v3; restored after 27 min')).toBeInTheDocument();
    const link = screen.getByRole('link', { name: 'Open CI run' });
    expect(link).toHaveAttribute('href', 'https://ci.example.com/run/7');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('renders markup from CI as text and offers no javascript: link', () => {
    const { container } = render(
      <EventTooltip scored={makeScored({ title: '<img src=x onerror=alert(1)>', author: '<b>x</b>', url: 'javascript:alert(1)' })} />
    );
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('shows only the main reason in a cluster list', () => {
    render(<EventTooltip compact scored={makeScored({}, { reasons: ['first', 'second'] })} />);
    expect(screen.getByText('first')).toBeInTheDocument();
    expect(screen.queryByText('second')).toBeNull();
  });

  it.each([
    [Verdict.RollBack, 'Release gate: Roll back (same as this panel)'],
    [Verdict.Watch, 'Release gate: Roll back (differs from this panel: Watch)'],
  ])("shows the release gate's verdict beside the panel's %s, saying when they differ", (panel, shown) => {
    render(<EventTooltip scored={makeScored({ gateVerdict: 'roll_back' }, { verdict: panel })} />);
    expect(screen.getByText(shown)).toBeInTheDocument();
  });

  it('says nothing of a gate when no gate judged the deploy', () => {
    render(<EventTooltip scored={makeScored({})} />);
    expect(screen.queryByText(/Release gate/)).toBeNull();
  });

  it("gives the main series' level before and after in the unit the panel's field config sets", () => {
    const { times, values, deployAt } = stepSeries(0.01, 0.05);
    const [impact] = scoreEvents([{ id: 'ratio', name: 'checkout error ratio', times, values }], [{ time: deployAt, id: 'e1' }]);
    const percent = { ...PLAIN_DISPLAY, unit: 'percentunit', format: (v: number | null | undefined) => `${((v ?? 0) * 100).toFixed(1)}%` };
    render(
      <SeriesDisplayContext.Provider value={(id) => (id === 'ratio' ? percent : PLAIN_DISPLAY)}>
        <EventTooltip scored={makeScored({}, impact)} />
      </SeriesDisplayContext.Provider>
    );
    expect(screen.getByText('Level').nextElementSibling).toHaveTextContent(/^1\.0% → 5\.0%$/);
  });

  it('says after how many samples since the deploy the verdict was reached, and how long after the deploy the last was taken', () => {
    const { times, values, deployAt } = stepSeries(0.01, 0.05);
    const [impact] = scoreEvents([{ id: 'ratio', name: 'checkout error ratio', times, values }], [{ time: deployAt, id: 'e1' }]);
    const step = times[1] - times[0];
    const n = impact.decidedAfterSamples!;
    // The sequential test's decision, before the impact window was complete: not the samples the window holds.
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(impact.series[0].impact!.samples);
    render(<EventTooltip scored={makeScored({}, impact)} />);
    expect(screen.getByText('Verdict after').nextElementSibling).toHaveTextContent(`${n} sample${n === 1 ? '' : 's'} (${Math.round(((n - 1) * step) / 60_000)} min after the event)`);
  });

  it('leaves the verdict-after row out when nothing was scored', () => {
    render(<EventTooltip scored={makeScored({}, { verdict: Verdict.InsufficientData, decidedAfterSamples: null })} />);
    expect(screen.queryByText('Verdict after')).toBeNull();
  });
});
