import { EventKind } from '../events/types';

/**
 * A deploy or change event as read from a query frame or an annotation: what the panel
 * draws and the app's release health pages count.
 */
export interface PanelEvent {
  id: string;
  time: number;
  timeEnd: number | null;
  title: string;
  text: string;
  kind: EventKind;
  status: string;
  service: string;
  environment: string;
  version: string;
  commit: string;
  author: string;
  /** http or https only, else null. */
  url: string | null;
  source: string;
  tags: string[];
  /** Flag and config changes: the flag key and its state before and after; '' or absent otherwise. */
  flagKey?: string;
  fromState?: string;
  toState?: string;
  /** The verdict the release gate wrote for this deploy in Grafana (`safedeploy gate --annotate`); '' or absent otherwise. */
  gateVerdict?: string;
  /**
   * The panel query (refId) whose frame carried the event; absent for annotations. Acting on the
   * event goes through that query's datasource, as two datasources may read the same provider.
   */
  refId?: string;
  /**
   * The dashboard annotation layer that brought the event, as Grafana names it in each
   * annotation's `source` (the layer's query, with its data source as saved: a uid may be a
   * `${variable}`); absent for query frames and for annotations that do not say.
   */
  layer?: { name: string; datasource: { type?: string; uid?: string } | null };
  /** Deploys: changes shipped, their merge times (epoch ms) and whether the count is a lower bound; absent when the source does not say. */
  mergedChanges?: number;
  mergeTimes?: number[];
  mergedChangesLowerBound?: boolean;
}
