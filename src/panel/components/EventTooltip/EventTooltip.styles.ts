import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ fontSize: theme.typography.bodySmall.fontSize, marginBottom: theme.spacing(1), overflowWrap: 'anywhere' }),
  header: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center' }),
  badge: css({ borderRadius: theme.shape.radius.default, padding: theme.spacing(0, 0.75), fontWeight: theme.typography.fontWeightMedium }),
  score: css({ color: theme.colors.text.secondary }),
  time: css({ marginLeft: 'auto', color: theme.colors.text.secondary }),
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
