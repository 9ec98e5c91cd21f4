import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';

import { TEST_IDS } from '../constants';
import { Notice } from '../data/loadReleaseHealth';
import { EmptyState } from './EmptyState';
import { Notices } from './Notices';

// The texts the datasource writes as info (src/events/providers/readArgoCD.ts, src/datasource/datasource.ts).
const ARGO_CUT: Notice = {
  severity: 'info',
  text: 'Argo CD keeps only the last 10 syncs of checkout; syncs before 2026-11-20T00:00:00.000Z are no longer in its history.',
};
const NO_SCOPE: Notice = { severity: 'info', text: 'Set the GitHub scope in the query editor to read events.' };
const FAILED: Notice = { severity: 'error', text: 'Events E0 failed: Bad Gateway (HTTP 502)' };

describe('Notices', () => {
  it.each([
    ['an Argo CD history cut', ARGO_CUT],
    ['a missing scope', NO_SCOPE],
  ])('shows %s, an info notice, as a quiet note folded under the count of notes', (_name, notice) => {
    render(<Notices notices={[notice]} />);
    const notes = screen.getByTestId(TEST_IDS.noticeInfo);
    expect(within(notes).queryByText(notice.text)).toBeNull();
    fireEvent.click(within(notes).getByText('Notes on the data read (1)'));
    expect(within(notes).getByText(notice.text)).toBeTruthy();
    expect(screen.queryByText(/Partial results/)).toBeNull();
  });

  it('keeps problems in the partial-results warning and notes apart', () => {
    render(<Notices notices={[FAILED, ARGO_CUT]} />);
    expect(screen.getByText(/Partial results/)).toBeTruthy();
    expect(screen.getByText(FAILED.text)).toBeTruthy();
    fireEvent.click(screen.getByText('Notes on the data read (1)'));
    expect(within(screen.getByTestId(TEST_IDS.noticeInfo)).queryByText(FAILED.text)).toBeNull();
    expect(within(screen.getByTestId(TEST_IDS.noticeInfo)).getByText(ARGO_CUT.text)).toBeTruthy();
  });

  describe('edge cases', () => {
    it('renders nothing without notices', () => {
      const { container } = render(<Notices notices={[]} />);
      expect(container.innerHTML).toBe('');
    });
  });
});

describe('EmptyState', () => {
  it('lists why nothing was read: a missing scope is the likely reason', () => {
    render(
      <EmptyState title="No deploys in this range" failedTitle="Deploys could not be read" notices={[NO_SCOPE]}>
        The event sources returned no deploys between these dates.
      </EmptyState>
    );
    expect(within(screen.getByTestId(TEST_IDS.emptyState)).getByText(NO_SCOPE.text)).toBeTruthy();
    expect(screen.getByText('No deploys in this range')).toBeTruthy();
  });

  // A 502 from the only event source read as "the event sources returned no deploys".
  it('does not say the sources returned no deploys when a read failed', () => {
    render(
      <EmptyState title="No deploys in this range" failedTitle="Deploys could not be read" notices={[FAILED, NO_SCOPE]}>
        The event sources returned no deploys between these dates.
      </EmptyState>
    );
    const empty = screen.getByTestId(TEST_IDS.emptyState);
    expect(within(empty).queryByText(/returned no deploys/)).toBeNull();
    expect(within(empty).getByText('Deploys could not be read')).toBeTruthy();
    expect(within(empty).getByText(FAILED.text)).toBeTruthy();
  });
});
