import React from 'react';
import { render, screen, within } from '@testing-library/react';

import { RangePicker } from './RangePicker';

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
});
