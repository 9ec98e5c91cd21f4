import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  banner: css({
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    borderLeft: '4px solid',
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  }),
  heading: css({ fontSize: theme.typography.h5.fontSize }),
  what: css({ fontWeight: theme.typography.fontWeightMedium }),
  reason: css({ color: theme.colors.text.secondary, overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }),
});
