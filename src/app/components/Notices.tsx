import React from 'react';
import { Alert, ControlledCollapse } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { Notice } from '../data/loadReleaseHealth';

/** Past this many, a list says how many more there are: a page of notices hides the page. */
const MAX_LISTED = 20;

/** The notices' texts as a list, cut at MAX_LISTED. */
export function NoticeList({ notices }: { notices: readonly Notice[] }) {
  return (
    <ul>
      {notices.slice(0, MAX_LISTED).map((n, i) => (
        <li key={i}>{n.text}</li>
      ))}
      {notices.length > MAX_LISTED && <li>… and {notices.length - MAX_LISTED} more</li>}
    </ul>
  );
}

/**
 * What reading met: errors and warnings (results shown are partial) as a warning, open; notes
 * (a provider that keeps only recent history, which API a read used) folded under their count,
 * since every read of a healthy setup writes some and they pushed the page below the fold.
 * A page with nothing read lists its notes open (EmptyState): there they say why.
 */
export function Notices({ notices }: { notices: Notice[] }) {
  const problems = notices.filter((n) => n.severity !== 'info');
  const notes = notices.filter((n) => n.severity === 'info');
  if (notices.length === 0) {
    return null;
  }
  return (
    <div data-testid={TEST_IDS.notice}>
      {problems.length > 0 && (
        <Alert severity="warning" title="Partial results: some data could not be read">
          <NoticeList notices={problems} />
        </Alert>
      )}
      {notes.length > 0 && (
        <div data-testid={TEST_IDS.noticeInfo}>
          <ControlledCollapse label={`Notes on the data read (${notes.length})`} isOpen={false}>
            <NoticeList notices={notes} />
          </ControlledCollapse>
        </div>
      )}
    </div>
  );
}
