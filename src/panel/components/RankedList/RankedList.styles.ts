import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    position: 'relative',
    overflowY: 'auto',
    height: '100%',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
  row: css({
    position: 'absolute',
    boxSizing: 'border-box',
    left: 0,
    right: 0,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    overflow: 'hidden',
    padding: theme.spacing(0.5, 1),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    color: theme.colors.text.primary,
    cursor: 'pointer',
    fontSize: theme.typography.bodySmall.fontSize,
    '&:hover': { background: theme.colors.action.hover },
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
  /** Over the right end of its row, where the row keeps room for it (ActionStatus). */
  action: css({
    position: 'absolute',
    right: theme.spacing(1),
    display: 'flex',
    alignItems: 'center',
  }),
  score: css({ minWidth: 24, textAlign: 'right', fontVariantNumeric: 'tabular-nums', color: theme.colors.text.secondary }),
  badge: css({ borderRadius: theme.shape.radius.default, padding: theme.spacing(0, 0.75), whiteSpace: 'nowrap' }),
  what: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  title: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  meta: css({ color: theme.colors.text.secondary, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
});
