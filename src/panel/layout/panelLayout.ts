import { ImpactOptions, ListPlacement } from '../types';

/** Heights of the fixed rows, px. */
export const BANNER_HEIGHT = 32;
export const SUMMARY_HEIGHT = 20;
/** A notice or banner wraps to at most this height (three lines), px: longer, it is cut (a notice's title holds the rest). */
export const MAX_NOTICE_HEIGHT = 76;
/** The list goes beside the graph from this panel width, px. */
export const LIST_BESIDE_MIN_WIDTH = 720;
/** Below that, it goes under the graph when the panel is at least this tall, px. */
export const LIST_BELOW_MIN_HEIGHT = 320;
/** The graph keeps at least this much height, px. */
export const MIN_GRAPH_HEIGHT = 80;
/**
 * A list placed beside the graph (chosen so) needs this panel width at least, else it goes
 * below: narrower, the graph beside it would be under about 300 px, too narrow to tell
 * neighbouring events apart, px.
 */
export const LIST_BESIDE_ABSOLUTE_MIN_WIDTH = 480;
/** Beside the graph the list is at most this wide, the marker tooltip's width: a row's verdict, name and score fit on one line; wider adds only blank space, px. */
export const LIST_BESIDE_MAX_WIDTH = 340;
/** ... and takes at most this share of the panel width, so the graph keeps most of it. */
export const LIST_BESIDE_WIDTH_SHARE = 0.35;
/** Gap between graph and list beside it, px. */
const LIST_BESIDE_GAP = 8;
/** Below the graph the list takes this share of the body height... */
export const LIST_BELOW_HEIGHT_SHARE = 0.35;
/** ... half the body when opened on request in a panel too short for it... */
export const LIST_BELOW_OPENED_HEIGHT_SHARE = 0.5;
/** ... and never more than this, four and a half rows (ROW_HEIGHT 44): the graph is what a tall panel is for, px. */
export const LIST_BELOW_MAX_HEIGHT = 200;
/** Gap between graph and list below it, px. */
const LIST_BELOW_GAP = 4;

export interface PanelLayout {
  /** The top row: the notice when there is one, else the banner. */
  bannerHeight: number;
  summaryHeight: number;
  graph: { width: number; height: number };
  list: { placement: 'right' | 'bottom'; width: number; height: number } | null;
  /** True when the list is on but there is no room for it: the panel offers a toggle. */
  listCollapsed: boolean;
}

/** What the top row holds, and its height as wrapped at the panel's width (0 until measured), px. */
export interface TopRowContent {
  /** A notice (why events are missing, or scoring progress) rather than the banner. */
  notice: boolean;
  wrappedHeight: number;
}

const NO_NOTICE: TopRowContent = { notice: false, wrappedHeight: 0 };

/**
 * Splits the panel between banner, summary, graph and ranked list from its size, so one
 * panel works at 300 px wide and on a wall display. The top row takes its content's wrapped
 * height (`top`), at least one line's and at most MAX_NOTICE_HEIGHT. A notice gets the top row
 * whatever the banner option and the height: it says why the panel shows what it shows, so it
 * is never the part dropped. The banner, when on, takes its wrapped height (a narrow panel wraps
 * the decision rather than cutting it) when the graph keeps its minimum, else one line. Pure
 * pixel math.
 */
export function panelLayout(
  width: number,
  height: number,
  options: Pick<ImpactOptions, 'showBanner' | 'showRankedList' | 'listPlacement'>,
  listOpen = false,
  top: TopRowContent = NO_NOTICE
): PanelLayout {
  const wrapped = Math.min(Math.max(BANNER_HEIGHT, top.wrappedHeight), MAX_NOTICE_HEIGHT);
  const bannerHeight = top.notice
    ? Math.min(wrapped, height)
    : options.showBanner
      ? ([wrapped, BANNER_HEIGHT].find((h) => height >= MIN_GRAPH_HEIGHT + h + SUMMARY_HEIGHT) ?? 0)
      : 0;
  const summaryHeight = height >= MIN_GRAPH_HEIGHT + SUMMARY_HEIGHT + bannerHeight ? SUMMARY_HEIGHT : 0;
  const body = Math.max(0, height - bannerHeight - summaryHeight);
  let placement: 'right' | 'bottom' | null = null;
  let collapsed = false;
  if (options.showRankedList) {
    const wantRight = options.listPlacement === ListPlacement.Right || (options.listPlacement === ListPlacement.Auto && width >= LIST_BESIDE_MIN_WIDTH);
    if (wantRight && width >= LIST_BESIDE_ABSOLUTE_MIN_WIDTH) {
      placement = 'right';
    } else if (body >= LIST_BELOW_MIN_HEIGHT || listOpen) {
      placement = 'bottom';
    } else {
      collapsed = true;
    }
  }
  if (placement === 'right') {
    const listWidth = Math.min(LIST_BESIDE_MAX_WIDTH, Math.round(width * LIST_BESIDE_WIDTH_SHARE));
    return { bannerHeight, summaryHeight, graph: { width: width - listWidth - LIST_BESIDE_GAP, height: body }, list: { placement, width: listWidth, height: body }, listCollapsed: false };
  }
  if (placement === 'bottom') {
    const share = listOpen && body < LIST_BELOW_MIN_HEIGHT ? LIST_BELOW_OPENED_HEIGHT_SHARE : LIST_BELOW_HEIGHT_SHARE;
    const listHeight = Math.min(Math.round(body * share), LIST_BELOW_MAX_HEIGHT);
    return { bannerHeight, summaryHeight, graph: { width, height: Math.max(MIN_GRAPH_HEIGHT, body - listHeight - LIST_BELOW_GAP) }, list: { placement, width, height: listHeight }, listCollapsed: false };
  }
  return { bannerHeight, summaryHeight, graph: { width, height: body }, list: null, listCollapsed: collapsed };
}
