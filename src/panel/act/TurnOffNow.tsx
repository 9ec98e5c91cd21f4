import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Button, useStyles2 } from '@grafana/ui';

import { ActionOutcome } from '../../act/types';
import { TEST_IDS } from '../testIds';
import { ScoredEvent } from '../types';
import { useActing } from './ActingContext';

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({ marginLeft: 'auto', flexShrink: 1, minWidth: 0, maxWidth: '45%', display: 'flex', alignItems: 'center' }),
  result: css({
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  ok: css({ color: theme.colors.success.text }),
  bad: css({ color: theme.colors.error.text }),
});

/** What came of an action in a word or two: the row is narrow; the whole sentence follows and shows on hover. */
const OUTCOME_LABEL: Record<ActionOutcome, string> = {
  [ActionOutcome.Acted]: 'Turned off',
  [ActionOutcome.AlreadyDone]: 'Already off',
  [ActionOutcome.Refused]: 'Not turned off',
  [ActionOutcome.Failed]: 'Failed',
  [ActionOutcome.DryRun]: 'Not sent',
};

/** Keeps a click or a key on the action from also selecting (zooming to) its row. */
const stop = (e: React.SyntheticEvent) => e.stopPropagation();

/**
 * "Turn off now" for a flag judged *Turn flag off*, for users the app lets act; after the
 * confirmation, what came of it, as text; when the panel cannot tell which datasource would
 * act, why, as text. Renders nothing for anyone else.
 */
export function TurnOffNow({ scored }: { scored: ScoredEvent }) {
  const styles = useStyles2(getStyles);
  const acting = useActing();
  const state = acting.stateOf(scored.event.id);
  if (state?.phase === 'done') {
    const good = state.result.outcome === ActionOutcome.Acted || state.result.outcome === ActionOutcome.AlreadyDone;
    return (
      <span className={styles.box} onClick={stop}>
        <span
          className={`${styles.result} ${good ? styles.ok : styles.bad}`}
          title={state.result.message}
          data-testid={TEST_IDS.actionResult}
          data-outcome={state.result.outcome}
        >
          {OUTCOME_LABEL[state.result.outcome]}: {state.result.message}
        </span>
      </span>
    );
  }
  const offer = acting.offerOf(scored);
  if (!offer) {
    return null;
  }
  if ('why' in offer) {
    return (
      <span className={styles.box}>
        <span className={styles.result} title={offer.why} data-testid={TEST_IDS.turnOffUnavailable}>
          Not offered: {offer.why}
        </span>
      </span>
    );
  }
  return (
    <span className={styles.box} onClick={stop} onKeyDown={stop}>
      <Button
        size="sm"
        variant="destructive"
        icon="power"
        disabled={state?.phase === 'sending'}
        data-testid={TEST_IDS.turnOffNow}
        onClick={() => acting.ask(scored)}
      >
        {state?.phase === 'sending' ? 'Turning off…' : 'Turn off now'}
      </Button>
    </span>
  );
}
