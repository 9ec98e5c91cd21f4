import React from 'react';
import { Text } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { Notice } from '../data/loadReleaseHealth';
import { NoticeList } from './Notices';

/**
 * A page with nothing to show: its title, what to do, and the notices reading met, since
 * a missing scope or a cut history is often why nothing is there.
 */
export function EmptyState({
  title,
  notices,
  children,
}: {
  title: string;
  notices: readonly Notice[];
  children: React.ReactNode;
}) {
  return (
    <div data-testid={TEST_IDS.emptyState} role="status">
      <Text element="h3">{title}</Text>
      <p>{children}</p>
      {notices.length > 0 && (
        <>
          <p>Reading the event sources said:</p>
          <NoticeList notices={notices} />
        </>
      )}
    </div>
  );
}
