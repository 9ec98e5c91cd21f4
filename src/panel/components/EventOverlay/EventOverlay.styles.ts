import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  window: css({
    position: 'absolute',
    pointerEvents: 'none',
  }),
  windowLabel: css({
    display: 'block',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    textAlign: 'center',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  }),
});
