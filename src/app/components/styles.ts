import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

import { ItemStatus } from '../readiness/types';

/** Readiness status colours: Grafana's semantic colours, so both themes read well. */
export function statusColor(theme: GrafanaTheme2, status: ItemStatus): string {
  return status === ItemStatus.Pass
    ? theme.colors.success.text
    : status === ItemStatus.Fail
      ? theme.colors.error.text
      : theme.colors.warning.text;
}

export const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  toolbar: css({ display: 'flex', gap: theme.spacing(2), alignItems: 'center', flexWrap: 'wrap' }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      textAlign: 'left',
      padding: theme.spacing(0.75, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      verticalAlign: 'top',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
    'tbody tr:hover': { background: theme.colors.action.hover },
  }),
  band: css({ fontSize: theme.typography.bodySmall.fontSize, marginLeft: theme.spacing(1) }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  cards: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: theme.spacing(1) }),
  card: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1.5),
    background: theme.colors.background.primary,
  }),
  cardValue: css({ fontSize: theme.typography.h3.fontSize }),
  markdown: css({
    whiteSpace: 'pre-wrap',
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    padding: theme.spacing(1),
    background: theme.colors.background.secondary,
    maxHeight: 400,
    overflow: 'auto',
  }),
  /** The deploy a link named: a bar and the selected background, as Grafana marks a selected row. */
  linked: css({
    background: theme.colors.action.selected,
    boxShadow: `inset 3px 0 0 ${theme.colors.primary.main}`,
    paddingLeft: theme.spacing(1),
  }),
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), h3: { margin: 0 } }),
});
