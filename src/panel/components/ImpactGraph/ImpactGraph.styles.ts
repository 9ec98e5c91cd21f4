import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ position: 'relative' }),
  legend: css({
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'center',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    paddingLeft: theme.spacing(1),
  }),
  legendItems: css({ display: 'flex', gap: theme.spacing(2), alignItems: 'center', flex: '1 1 auto', minWidth: 0, overflow: 'hidden' }),
  legendItem: css({ display: 'inline-flex', alignItems: 'center', gap: theme.spacing(0.5), flexShrink: 0 }),
  legendMore: css({ flexShrink: 0, color: theme.colors.text.secondary }),
  swatch: css({ width: 14, height: 4, borderRadius: 2, display: 'inline-block' }),
  readout: css({ marginLeft: 'auto', color: theme.colors.text.primary, fontVariantNumeric: 'tabular-nums' }),
});
