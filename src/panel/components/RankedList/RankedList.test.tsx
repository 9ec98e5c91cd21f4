import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { Verdict } from '../../../engine';
import { TEST_IDS } from '../../testIds';
import { makeScored } from '../../testing/makeScored';
import { RankedList, renderedRows } from './RankedList';
import { ROW_HEIGHT } from './RankedRow';

const HEIGHT = 10 * ROW_HEIGHT;

/** `count` events with distinct scores, given out of rank order. */
function many(count: number) {
  return Array.from({ length: count }, (_, i) => makeScored({ id: `e${i}`, title: `event ${i}`, time: Date.UTC(2026, 0, 1) + i * 60_000 }, { score: (i * 37) % count }));
}

describe('RankedList', () => {
  const events = [
    makeScored({ id: 'low', title: 'low' }, { score: 5 }),
    makeScored({ id: 'high', title: 'high' }, { score: 90, verdict: Verdict.RollBack }),
    makeScored({ id: 'mid', title: 'mid' }, { score: 40, verdict: Verdict.FixForward }),
  ];

  it('ranks events by score, worst first, with verdict badges', () => {
    render(<RankedList scored={events} height={HEIGHT} onSelect={jest.fn()} />);
    const rows = screen.getAllByTestId(TEST_IDS.rankedRow);
    expect(rows.map((r) => r.getAttribute('data-event-id'))).toStrictEqual(['high', 'mid', 'low']);
    expect(rows[0]).toHaveTextContent('Roll back');
    expect(rows[1]).toHaveTextContent('Fix forward');
  });

  it('says how big the spike was on the row of an event that moved a series', () => {
    const spike = { peak: 84, peakRatio: 4.2, excess: 1243, excessMs: 25 * 60_000, budgetBurned: null };
    render(
      <RankedList
        scored={[makeScored({ id: 'bad' }, { score: 88, verdict: Verdict.RollBack, moved: ['errors'], spike }), makeScored({ id: 'fine' }, { score: 3 })]}
        height={HEIGHT}
        onSelect={jest.fn()}
      />
    );
    const rows = screen.getAllByTestId(TEST_IDS.rankedRow);
    expect(rows[0]).toHaveTextContent('peak 4.2x, about 1,240 extra over 25 min');
    expect(rows[1]).not.toHaveTextContent('extra');
  });

  it('says after how many samples the verdict was reached, on scored rows only', () => {
    render(
      <RankedList
        scored={[
          makeScored({ id: 'early' }, { score: 88, verdict: Verdict.RollBack, decidedAfterSamples: 2 }),
          makeScored({ id: 'one' }, { score: 60, decidedAfterSamples: 1 }),
          makeScored({ id: 'none' }, { score: 3, verdict: Verdict.InsufficientData, decidedAfterSamples: null }),
          { ...makeScored({ id: 'pending' }, { score: 1, decidedAfterSamples: 4 }), pending: true },
        ]}
        height={HEIGHT}
        onSelect={jest.fn()}
      />
    );
    const rows = screen.getAllByTestId(TEST_IDS.rankedRow);
    expect(rows.map((r) => r.getAttribute('data-event-id'))).toStrictEqual(['early', 'one', 'none', 'pending']);
    expect(rows[0]).toHaveTextContent('after 2 samples');
    expect(rows[1]).toHaveTextContent(/after 1 sample$/);
    expect(rows[2]).not.toHaveTextContent('after');
    expect(rows[3]).not.toHaveTextContent('after');
  });

  it('selects a row by click', () => {
    const onSelect = jest.fn();
    render(<RankedList scored={events} height={HEIGHT} onSelect={onSelect} />);
    fireEvent.click(screen.getAllByTestId(TEST_IDS.rankedRow)[1]);
    expect(onSelect).toHaveBeenCalledWith(events[2]);
  });

  it('renders only the rows in view, each with its place in the whole list', () => {
    render(<RankedList scored={many(5000)} height={HEIGHT} onSelect={jest.fn()} />);
    const rows = screen.getAllByRole('option');
    expect(rows.length).toBeLessThan(30);
    expect(rows.map((r) => r.getAttribute('aria-posinset'))).toStrictEqual(rows.map((_, i) => String(i + 1)));
    expect(rows.every((r) => r.getAttribute('aria-setsize') === '5000')).toBe(true);
    expect(screen.getByRole('listbox', { name: 'Events ranked by impact' })).toBeInTheDocument();
  });

  it('renders the rows scrolled to', () => {
    render(<RankedList scored={many(5000)} height={HEIGHT} onSelect={jest.fn()} />);
    // The listbox scrolls in the list's box, with the rows' controls (see RankedListTurnOff.test).
    const list = screen.getByTestId(TEST_IDS.rankedList);
    list.scrollTop = 4000 * ROW_HEIGHT;
    fireEvent.scroll(list);
    const positions = screen.getAllByRole('option').map((r) => Number(r.getAttribute('aria-posinset')));
    expect(positions).toContain(4001);
    expect(positions).toContain(4010);
    // Besides the rows in view, only the active row (the list's tab stop) is rendered.
    expect(positions.filter((p) => p < 3990)).toStrictEqual([1]);
  });

  it('moves between rows with the arrow keys and End, and zooms with Enter', () => {
    const onSelect = jest.fn();
    const scored = many(500);
    render(<RankedList scored={scored} height={HEIGHT} onSelect={onSelect} />);
    const rows = screen.getAllByRole('option');
    // One tab stop: the active row.
    expect(rows.filter((r) => r.tabIndex === 0)).toHaveLength(1);
    rows[0].focus();
    fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    expect(document.activeElement).toHaveAttribute('aria-posinset', '2');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toHaveAttribute('aria-posinset', '500');
    expect(document.activeElement).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    const lowest = [...scored].sort((a, b) => a.impact.score - b.impact.score || a.event.time - b.event.time)[0];
    expect(onSelect).toHaveBeenCalledWith(lowest);
  });

  it('ranks events still being scored last, marked as such', () => {
    const pending = { ...makeScored({ id: 'wait', title: 'wait' }, { score: 0 }), pending: true };
    render(<RankedList scored={[pending, ...events]} height={HEIGHT} onSelect={jest.fn()} />);
    const rows = screen.getAllByTestId(TEST_IDS.rankedRow);
    expect(rows.map((r) => r.getAttribute('data-event-id'))).toStrictEqual(['high', 'mid', 'low', 'wait']);
    expect(rows[3]).toHaveTextContent('Scoring');
  });
});

describe('renderedRows', () => {
  it('renders the rows in view and six beyond each edge', () => {
    expect(renderedRows(10 * ROW_HEIGHT, 2 * ROW_HEIGHT, 100, 10)).toStrictEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  });

  describe('edge cases', () => {
    it('keeps the active row rendered when it is scrolled far out of view', () => {
      expect(renderedRows(0, ROW_HEIGHT, 100, 90)).toStrictEqual([90, 0, 1, 2, 3, 4, 5, 6]);
    });

    it('renders nothing for an empty list', () => {
      expect(renderedRows(0, 200, 0, 0)).toStrictEqual([]);
    });
  });
});

describe('RankedList on a dashboard with several panels', () => {
  // A panel repeated by a variable, or two impact panels over the same deploys, list the same
  // events: element ids made from the event's id were then the same in both, which HTML forbids.
  it('gives two lists of the same events no element id in common', () => {
    const same = [makeScored({ id: 'deploy-1' }), makeScored({ id: 'deploy-2' })];
    const { container } = render(
      <>
        <RankedList scored={same} height={HEIGHT} onSelect={jest.fn()} />
        <RankedList scored={same} height={HEIGHT} onSelect={jest.fn()} />
      </>
    );
    const ids = Array.from(container.querySelectorAll('[id]')).map((el) => el.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toStrictEqual([]);
  });
});
