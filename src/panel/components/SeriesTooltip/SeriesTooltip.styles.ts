import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  tooltip: css({
    position: 'absolute',
    zIndex: theme.zIndex.tooltip,
    // As the event tooltip: `components.tooltip` holds the right background on 10.4 and later.
    background: theme.components.tooltip.background,
    color: theme.components.tooltip.text,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    padding: theme.spacing(1),
    fontSize: theme.typography.bodySmall.fontSize,
    maxHeight: '80%',
    overflowY: 'auto',
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.colors.text.secondary,
    marginBottom: theme.spacing(0.5),
  }),
  close: css({
    marginLeft: 'auto',
    border: 'none',
    background: 'transparent',
    color: 'inherit',
    cursor: 'pointer',
    padding: 0,
    fontSize: theme.typography.body.fontSize,
  }),
  row: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.75) }),
  swatch: css({ width: 10, height: 4, borderRadius: 2, display: 'inline-block', flexShrink: 0 }),
  value: css({
    marginLeft: 'auto',
    paddingLeft: theme.spacing(2),
    fontVariantNumeric: 'tabular-nums',
    color: theme.colors.text.primary,
  }),
  links: css({ listStyle: 'none', margin: theme.spacing(0, 0, 0.5, 2), padding: 0 }),
  link: css({ color: theme.colors.text.link }),
});
