import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ display: 'flex', flexDirection: 'column', overflow: 'hidden', position: 'relative' }),
  notice: css({
    padding: theme.spacing(0.5, 1),
    background: theme.colors.background.secondary,
    borderLeft: `4px solid ${theme.colors.info.main}`,
    borderRadius: theme.shape.radius.default,
    color: theme.colors.text.secondary,
    // Wraps in a narrow panel; its row is at most MAX_NOTICE_HEIGHT (three lines) and hides the
    // rest, which the title holds.
    overflowWrap: 'anywhere',
  }),
  // Read by screen readers, not shown: the usual visually-hidden rules.
  spokenOnly: css({
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    border: 0,
  }),
  summary: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  }),
  toggle: css({
    marginLeft: 'auto',
    background: 'transparent',
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    color: theme.colors.text.primary,
    fontSize: theme.typography.bodySmall.fontSize,
    cursor: 'pointer',
  }),
  row: css({ display: 'flex', flexDirection: 'row', gap: 8 }),
  column: css({ display: 'flex', flexDirection: 'column', gap: 4 }),
  list: css({ overflow: 'hidden', borderLeft: `1px solid ${theme.colors.border.weak}` }),
});
