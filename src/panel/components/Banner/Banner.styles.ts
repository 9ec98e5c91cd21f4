import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  // One line in a wide panel; a narrow one wraps the decision and the deploy's name rather than
  // cutting them (the layout gives the row the wrapped height), and the reason takes what is left.
  banner: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0, 1),
    padding: theme.spacing(0.5, 1),
    borderLeft: '4px solid',
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
  }),
  heading: css({ fontSize: theme.typography.h5.fontSize, overflowWrap: 'anywhere' }),
  what: css({ fontWeight: theme.typography.fontWeightMedium, overflowWrap: 'anywhere' }),
  // Its own line, in the warning colour: it qualifies the verdict before it.
  caveat: css({ flexBasis: '100%', color: theme.colors.warning.text, overflowWrap: 'anywhere' }),
  reason: css({ color: theme.colors.text.secondary, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0, flex: '1 1 0' }),
});
