import React from 'react';
import { Text } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { Notice } from '../data/loadReleaseHealth';
import { NoticeList } from './Notices';

/**
 * A page with nothing to show: its title, what to do, and the notices reading met, since
 * a missing scope or a cut history is often why nothing is there. When a read failed (an
 * error notice) the sources did not return "no deploys": the page says the read failed,
 * with `failedTitle`, instead of the empty-range wording in `children`.
 */
export function EmptyState({
  title,
  failedTitle,
  notices,
  children,
}: {
  title: string;
  failedTitle: string;
  notices: readonly Notice[];
  children: React.ReactNode;
}) {
  const failed = notices.some((n) => n.severity === 'error');
  return (
    <div data-testid={TEST_IDS.emptyState} data-read-failed={failed} role="status">
      <Text element="h3">{failed ? failedTitle : title}</Text>
      <p>
        {failed
          ? 'Reading the event sources failed, so deploys in this range may not have been read: fix what the notices below say, then reload.'
          : children}
      </p>
      {notices.length > 0 && (
        <>
          <p>Reading the event sources said:</p>
          <NoticeList notices={notices} />
        </>
      )}
    </div>
  );
}
