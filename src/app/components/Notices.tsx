import React from 'react';
import { Alert } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { Notice } from '../data/loadReleaseHealth';

/** Problems met while reading: results shown are partial, and this says why. */
export function Notices({ notices }: { notices: Notice[] }) {
  const problems = notices.filter((n) => n.severity !== 'info');
  if (problems.length === 0) {
    return null;
  }
  return (
    <div data-testid={TEST_IDS.notice}>
      <Alert severity="warning" title="Partial results: some data could not be read">
        <ul>
          {problems.slice(0, 20).map((n, i) => (
            <li key={i}>{n.text}</li>
          ))}
          {problems.length > 20 && <li>… and {problems.length - 20} more</li>}
        </ul>
      </Alert>
    </div>
  );
}
