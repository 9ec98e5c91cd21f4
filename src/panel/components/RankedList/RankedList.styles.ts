import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0, overflowY: 'auto', height: '100%' }),
  row: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    width: '100%',
    padding: theme.spacing(0.5, 1),
    background: 'transparent',
    border: 'none',
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    color: theme.colors.text.primary,
    textAlign: 'left',
    cursor: 'pointer',
    fontSize: theme.typography.bodySmall.fontSize,
    '&:hover': { background: theme.colors.action.hover },
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
  score: css({ minWidth: 24, textAlign: 'right', fontVariantNumeric: 'tabular-nums', color: theme.colors.text.secondary }),
  badge: css({ borderRadius: theme.shape.radius.default, padding: theme.spacing(0, 0.75), whiteSpace: 'nowrap' }),
  what: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  title: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  meta: css({ color: theme.colors.text.secondary }),
});
