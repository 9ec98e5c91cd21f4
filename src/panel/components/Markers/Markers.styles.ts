import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

import { MIN_MARKER_SPACING } from '../../layout/clusterMarkers';

export const getStyles = (theme: GrafanaTheme2) => ({
  marker: css({
    position: 'absolute',
    width: MIN_MARKER_SPACING,
    height: MIN_MARKER_SPACING,
    padding: 0,
    border: 'none',
    background: 'transparent',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    cursor: 'pointer',
    borderRadius: theme.shape.radius.circle,
    '&:focus-visible': {
      outline: `2px solid ${theme.colors.primary.main}`,
      outlineOffset: 1,
    },
    '&:hover svg': { transform: 'scale(1.25)' },
  }),
  count: css({
    minWidth: 18,
    // Three digits at this size fit the marker, clear of the next one (MIN_MARKER_SPACING apart).
    maxWidth: MIN_MARKER_SPACING - 2,
    height: 18,
    padding: theme.spacing(0, 0.25),
    borderRadius: 9,
    fontSize: 10,
    whiteSpace: 'nowrap',
    fontWeight: theme.typography.fontWeightBold,
    lineHeight: '18px',
    textAlign: 'center',
  }),
  tooltip: css({
    position: 'absolute',
    zIndex: theme.zIndex.tooltip,
    // Grafana's own tooltip colours: `background.elevated` from 11.x on, `background.secondary`
    // in 10.4, which has no `elevated` token (the tooltip would have no background there).
    background: theme.components.tooltip.background,
    color: theme.components.tooltip.text,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    padding: theme.spacing(1),
    // The width the layout gives it includes padding and border, so it never runs past the panel.
    boxSizing: 'border-box',
    maxHeight: '80%',
    overflowY: 'auto',
  }),
  clusterTitle: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary, marginBottom: theme.spacing(0.5) }),
  more: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary }),
});
