import React from 'react';
import { useStyles2 } from '@grafana/ui';

import { MarkerCluster } from '../../layout/clusterMarkers';
import { ScoredEvent } from '../../types';
import { EventTooltip } from '../EventTooltip';
import { getStyles } from './Markers.styles';

/** Events shown in a cluster's tooltip before "and N more". */
const CLUSTER_TOOLTIP_ITEMS = 4;

/** A cluster's tooltip: its worst scored events, how many more, and how to zoom into it. */
function ClusterTooltip({ items }: { items: ScoredEvent[] }) {
  const styles = useStyles2(getStyles);
  const pending = items.filter((s) => s.pending).length;
  return (
    <>
      <div className={styles.clusterTitle}>
        {items.length} events here; click or press Enter to zoom in
        {pending > 0 && ` (${pending} still being scored)`}
      </div>
      {items
        .filter((s) => !s.pending)
        .sort((a, b) => b.impact.score - a.impact.score)
        .slice(0, CLUSTER_TOOLTIP_ITEMS)
        .map((s) => (
          <EventTooltip key={s.event.id} scored={s} compact />
        ))}
      {/* Beyond those listed and those said to be scoring: a pending event is counted once, in the title. */}
      {items.length - pending > CLUSTER_TOOLTIP_ITEMS && <div className={styles.more}>and {items.length - pending - CLUSTER_TOOLTIP_ITEMS} more</div>}
    </>
  );
}

/**
 * What the open marker's tooltip says: a single event's details (or that it is being scored),
 * or a cluster's summary. `nameOf` names the events a tooltip refers to by id.
 */
export function MarkerTooltip({ cluster, nameOf }: { cluster: MarkerCluster<ScoredEvent>; nameOf: (id: string) => string }) {
  if (cluster.items.length > 1) {
    return <ClusterTooltip items={cluster.items} />;
  }
  const [only] = cluster.items;
  // One component either way: a refresh that sends the event back to scoring keeps the focused link.
  return <EventTooltip scored={only} nameOf={nameOf} />;
}
