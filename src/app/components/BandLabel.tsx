import React from 'react';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { DORA_THRESHOLDS } from '../dora/doraBand';
import { DoraBand, DoraKey } from '../dora/types';
import { bandColor, getStyles } from './styles';

/** A DORA band next to a key, its threshold in the tooltip (the page cites the source). */
export function BandLabel({ dora, band }: { dora: DoraKey; band: DoraBand | null }) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  if (!band) {
    return null;
  }
  return (
    <span
      className={styles.band}
      style={{ color: bandColor(theme, band) }}
      title={`${band}: ${DORA_THRESHOLDS[dora].text[band]}`}
      data-band={band}
    >
      {band[0].toUpperCase() + band.slice(1)}
    </span>
  );
}
