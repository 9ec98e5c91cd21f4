import React from 'react';
import { Badge, BadgeColor, useStyles2 } from '@grafana/ui';

import { DORA_THRESHOLDS } from '../dora/doraBand';
import { DoraBand, DoraKey } from '../dora/types';
import { getStyles } from './styles';

/** Grafana's badge colour per band: success to error, as the bands run from elite to low. */
const BAND_COLOR: Record<DoraBand, BadgeColor> = {
  [DoraBand.Elite]: 'green',
  [DoraBand.High]: 'blue',
  [DoraBand.Medium]: 'orange',
  [DoraBand.Low]: 'red',
};

/** A DORA band next to a key, as Grafana's Badge, its threshold in the tooltip (the page cites the source). */
export function BandLabel({ dora, band }: { dora: DoraKey; band: DoraBand | null }) {
  const styles = useStyles2(getStyles);
  if (!band) {
    return null;
  }
  return <Badge className={styles.band} text={band[0].toUpperCase() + band.slice(1)} color={BAND_COLOR[band]} tooltip={`${band}: ${DORA_THRESHOLDS[dora].text[band]}`} data-band={band} />;
}
