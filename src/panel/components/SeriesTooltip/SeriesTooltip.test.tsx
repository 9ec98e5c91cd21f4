import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { LinkModel } from '@grafana/data';

import { PanelSeries } from '../../../frames/extractSeries';
import { PLAIN_DISPLAY, SeriesDisplay } from '../../data/seriesDisplays';
import { TimeZoneContext } from '../../data/TimeZoneContext';
import { TEST_IDS } from '../../testIds';
import { seriesAt, SeriesTooltip } from './SeriesTooltip';

const T0 = Date.UTC(2026, 0, 5, 10);
const MINUTE = 60_000;

const series: PanelSeries[] = [
  { id: 'A/1/checkout error ratio', name: 'checkout error ratio', times: [T0, T0 + MINUTE], values: [0.013, 0.02] },
  { id: 'B/1/web error ratio', name: 'web error ratio', times: [T0 + MINUTE], values: [0.5] },
];

function link(href: string, title: string): LinkModel {
  return { href, title, target: '_blank', origin: {} };
}

const percent: SeriesDisplay = {
  format: (v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : 'no data'),
  unit: 'percentunit',
  links: (row) => [link(`https://runbook.example/checkout?row=${row}`, 'Checkout runbook')],
};

describe('seriesAt', () => {
  it("gives each series' value at the time in its unit, and its links for that row", () => {
    const rows = seriesAt(series, (id) => (id.startsWith('A') ? percent : PLAIN_DISPLAY), (i) => `c${i}`, T0);
    expect(rows.map((r) => [r.name, r.value, r.links.map((l) => l.href)])).toStrictEqual([
      ['checkout error ratio', '1.3%', ['https://runbook.example/checkout?row=0']],
      ['web error ratio', '–', []],
    ]);
  });

  it('reads the row of the series at that time, not the position in the aligned plot', () => {
    const [, web] = seriesAt(series, () => percent, String, T0 + MINUTE);
    expect(web.value).toBe('50.0%');
    expect(web.links[0].href).toBe('https://runbook.example/checkout?row=0');
  });
});

describe('SeriesTooltip', () => {
  it('shows values and opens a data link in the target it names', () => {
    render(<SeriesTooltip time={T0} rows={seriesAt(series, () => percent, String, T0)} left={0} top={0} onClose={jest.fn()} />);
    expect(screen.getByTestId(TEST_IDS.seriesTooltip)).toHaveTextContent('2026-01-05 10:00 UTC');
    expect(screen.getByText('1.3%')).toBeInTheDocument();
    const anchor = screen.getByRole('link', { name: 'Checkout runbook' });
    expect(anchor).toHaveAttribute('href', 'https://runbook.example/checkout?row=0');
    expect(anchor).toHaveAttribute('target', '_blank');
    expect(anchor).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it("shows the time in the dashboard's time zone, naming UTC only when that is the zone", () => {
    render(
      <TimeZoneContext.Provider value="America/New_York">
        <SeriesTooltip time={T0} rows={[]} left={0} top={0} onClose={jest.fn()} />
      </TimeZoneContext.Provider>
    );
    expect(screen.getByTestId(TEST_IDS.seriesTooltip)).toHaveTextContent(/^2026-01-05 05:00×$/);
  });

  it("lets a link's own click handler open it (Grafana's internal links)", () => {
    const onClick = jest.fn();
    const rows = [{ id: 'a', name: 'a', color: 'red', value: '1', links: [{ ...link('/explore', 'Explore'), target: '_self' as const, onClick }] }];
    render(<SeriesTooltip time={T0} rows={rows} left={0} top={0} onClose={jest.fn()} />);
    fireEvent.click(screen.getByRole('link', { name: 'Explore' }));
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('closes on Escape and on its close button', () => {
    const onClose = jest.fn();
    render(<SeriesTooltip time={T0} rows={[]} left={0} top={0} onClose={onClose} />);
    fireEvent.keyDown(document, { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('takes focus when opened from the keyboard, and leaves it where it is when opened by a click', () => {
    const { unmount } = render(<SeriesTooltip time={T0} rows={[]} left={0} top={0} onClose={jest.fn()} takeFocus />);
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    unmount();
    render(<SeriesTooltip time={T0} rows={[]} left={0} top={0} onClose={jest.fn()} />);
    expect(screen.getByRole('button', { name: 'Close' })).not.toHaveFocus();
  });
});
