import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ fontSize: theme.typography.bodySmall.fontSize, marginBottom: theme.spacing(1), overflowWrap: 'anywhere' }),
  // In a tooltip narrowed to a small panel the header's parts go to a second line whole, never
  // broken inside a word ("Wat ch") by the container's overflowWrap, which is for CI text.
  header: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0, 1), alignItems: 'center' }),
  badge: css({ borderRadius: theme.shape.radius.default, padding: theme.spacing(0, 0.75), fontWeight: theme.typography.fontWeightMedium, whiteSpace: 'nowrap' }),
  score: css({ color: theme.colors.text.secondary, whiteSpace: 'nowrap' }),
  time: css({ marginLeft: 'auto', color: theme.colors.text.secondary, whiteSpace: 'nowrap' }),
  title: css({ fontWeight: theme.typography.fontWeightMedium, margin: theme.spacing(0.5, 0) }),
  rows: css({
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(1),
    margin: 0,
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0 },
  }),
  reasons: css({ margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2) }),
  fix: css({ marginTop: theme.spacing(0.5), color: theme.colors.success.text }),
  link: css({ display: 'inline-block', marginTop: theme.spacing(0.5), color: theme.colors.text.link }),
});
