import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { Verdict } from '../../../engine';
import { TEST_IDS } from '../../testIds';
import { makeScored } from '../../testing/makeScored';
import { RankedList } from './RankedList';

describe('RankedList', () => {
  const events = [
    makeScored({ id: 'low', title: 'low' }, { score: 5 }),
    makeScored({ id: 'high', title: 'high' }, { score: 90, verdict: Verdict.RollBack }),
    makeScored({ id: 'mid', title: 'mid' }, { score: 40, verdict: Verdict.FixForward }),
  ];

  it('ranks events by score, worst first, with verdict badges', () => {
    render(<RankedList scored={events} onSelect={jest.fn()} />);
    const rows = screen.getAllByTestId(TEST_IDS.rankedRow);
    expect(rows.map((r) => r.getAttribute('data-event-id'))).toStrictEqual(['high', 'mid', 'low']);
    expect(rows[0]).toHaveTextContent('Roll back');
    expect(rows[1]).toHaveTextContent('Fix forward');
  });

  it('selects a row by click', () => {
    const onSelect = jest.fn();
    render(<RankedList scored={events} onSelect={onSelect} />);
    fireEvent.click(screen.getAllByTestId(TEST_IDS.rankedRow)[1]);
    expect(onSelect).toHaveBeenCalledWith(events[2]);
  });
});
