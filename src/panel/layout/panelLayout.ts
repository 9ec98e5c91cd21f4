import { ImpactOptions, ListPlacement } from '../types';

/** Heights of the fixed rows, px. */
export const BANNER_HEIGHT = 32;
export const SUMMARY_HEIGHT = 20;
/** The list goes beside the graph from this panel width, px. */
export const LIST_BESIDE_MIN_WIDTH = 720;
/** Below that, it goes under the graph when the panel is at least this tall, px. */
export const LIST_BELOW_MIN_HEIGHT = 320;
/** The graph keeps at least this much height, px. */
export const MIN_GRAPH_HEIGHT = 80;

export interface PanelLayout {
  bannerHeight: number;
  summaryHeight: number;
  graph: { width: number; height: number };
  list: { placement: 'right' | 'bottom'; width: number; height: number } | null;
  /** True when the list is on but there is no room for it: the panel offers a toggle. */
  listCollapsed: boolean;
}

/**
 * Splits the panel between banner, summary, graph and ranked list from its size, so one
 * panel works at 300 px wide and on a wall display. Pure pixel math.
 */
export function panelLayout(width: number, height: number, options: Pick<ImpactOptions, 'showBanner' | 'showRankedList' | 'listPlacement'>, listOpen = false): PanelLayout {
  const bannerHeight = options.showBanner && height >= MIN_GRAPH_HEIGHT + BANNER_HEIGHT + SUMMARY_HEIGHT ? BANNER_HEIGHT : 0;
  const summaryHeight = height >= MIN_GRAPH_HEIGHT + SUMMARY_HEIGHT + bannerHeight ? SUMMARY_HEIGHT : 0;
  const body = Math.max(0, height - bannerHeight - summaryHeight);
  let placement: 'right' | 'bottom' | null = null;
  let collapsed = false;
  if (options.showRankedList) {
    const wantRight = options.listPlacement === ListPlacement.Right || (options.listPlacement === ListPlacement.Auto && width >= LIST_BESIDE_MIN_WIDTH);
    if (wantRight && width >= 480) {
      placement = 'right';
    } else if (body >= LIST_BELOW_MIN_HEIGHT || listOpen) {
      placement = 'bottom';
    } else {
      collapsed = true;
    }
  }
  if (placement === 'right') {
    const listWidth = Math.min(340, Math.round(width * 0.35));
    return { bannerHeight, summaryHeight, graph: { width: width - listWidth - 8, height: body }, list: { placement, width: listWidth, height: body }, listCollapsed: false };
  }
  if (placement === 'bottom') {
    const listHeight = Math.min(listOpen && body < LIST_BELOW_MIN_HEIGHT ? Math.round(body * 0.5) : Math.round(body * 0.35), 200);
    return { bannerHeight, summaryHeight, graph: { width, height: Math.max(MIN_GRAPH_HEIGHT, body - listHeight - 4) }, list: { placement, width, height: listHeight }, listCollapsed: false };
  }
  return { bannerHeight, summaryHeight, graph: { width, height: body }, list: null, listCollapsed: collapsed };
}
