import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../../testIds';

interface Props {
  title: string;
  children: React.ReactNode;
}

/** Says why the panel has nothing to show and what to do about it; never a blank panel. */
export function EmptyState({ title, children }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.container} data-testid={TEST_IDS.empty}>
      <div className={styles.title}>{title}</div>
      <div className={styles.body}>{children}</div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ height: '100%', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', textAlign: 'center', padding: theme.spacing(2) }),
  title: css({ fontSize: theme.typography.h5.fontSize, marginBottom: theme.spacing(1) }),
  body: css({ color: theme.colors.text.secondary, maxWidth: 520 }),
});
