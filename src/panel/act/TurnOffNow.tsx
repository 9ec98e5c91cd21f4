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

/** Keeps a click or a key on the action from also selecting (zooming to) a row around it. */
const stop = (e: React.SyntheticEvent) => e.stopPropagation();

/**
 * What the row of a flag judged *Turn flag off* says about acting on it, as text of the row (an
 * option of the ranked list, whose content is read as its name): what came of the action, or why
 * the panel cannot offer it. While the button is offered (`TurnOffNow`, which must sit outside
 * the option, where assistive technology can reach it), a hidden copy keeps its room in the row.
 */
export function ActionStatus({ scored }: { scored: ScoredEvent }) {
  const styles = useStyles2(getStyles);
  const acting = useActing();
  const state = acting.stateOf(scored.event.id);
  if (state?.phase === 'done') {
    const good = state.result.outcome === ActionOutcome.Acted || state.result.outcome === ActionOutcome.AlreadyDone;
    return (
      <span className={styles.box}>
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
  // Room for the button, which is drawn over this place from outside the option.
  return (
    <span className={styles.box} aria-hidden style={{ visibility: 'hidden' }}>
      <Button size="sm" variant="destructive" icon="power" tabIndex={-1}>
        {state?.phase === 'sending' ? 'Turning off…' : 'Turn off now'}
      </Button>
    </span>
  );
}

/**
 * "Turn off now" for a flag judged *Turn flag off*, for users the app lets act, named for the
 * flag and environment; `describedBy` is the id of the row it acts for. Renders nothing once
 * asked and answered, or when not offered (`ActionStatus` says why).
 */
export function TurnOffNow({ scored, describedBy }: { scored: ScoredEvent; describedBy?: string }) {
  const acting = useActing();
  const state = acting.stateOf(scored.event.id);
  const offer = state?.phase === 'done' ? null : acting.offerOf(scored);
  if (!offer || 'why' in offer) {
    return null;
  }
  return (
    <Button
      size="sm"
      variant="destructive"
      icon="power"
      disabled={state?.phase === 'sending'}
      data-testid={TEST_IDS.turnOffNow}
      aria-label={`${state?.phase === 'sending' ? 'Turning off' : 'Turn off now:'} flag ${offer.target.flag} in ${offer.target.environment}`}
      aria-describedby={describedBy}
      onClick={(e) => {
        stop(e);
        acting.ask(scored);
      }}
      onKeyDown={stop}
    >
      {state?.phase === 'sending' ? 'Turning off…' : 'Turn off now'}
    </Button>
  );
}
