import { ListPlacement } from '../types';
import { BANNER_HEIGHT, LIST_BELOW_MAX_HEIGHT, LIST_BESIDE_ABSOLUTE_MIN_WIDTH, LIST_BESIDE_MAX_WIDTH, MAX_NOTICE_HEIGHT, MIN_GRAPH_HEIGHT, panelLayout, SUMMARY_HEIGHT } from './panelLayout';

const on = { showBanner: true, showRankedList: true, listPlacement: ListPlacement.Auto };

describe('panelLayout', () => {
  it('puts the ranked list beside the graph on a wide panel', () => {
    const layout = panelLayout(1200, 500, on);
    expect(layout.list?.placement).toBe('right');
    expect(layout.graph.width + (layout.list?.width ?? 0)).toBeLessThanOrEqual(1200);
    expect(layout.bannerHeight).toBe(BANNER_HEIGHT);
    expect(layout.graph.height).toBe(500 - BANNER_HEIGHT - SUMMARY_HEIGHT);
  });

  it('puts it below on a narrow, tall panel', () => {
    const layout = panelLayout(300, 600, on);
    expect(layout.list?.placement).toBe('bottom');
    expect(layout.graph.width).toBe(300);
    expect(layout.graph.height).toBeGreaterThanOrEqual(MIN_GRAPH_HEIGHT);
  });

  it('collapses it behind a toggle when there is no room, and opens it on request', () => {
    const collapsed = panelLayout(300, 250, on);
    expect(collapsed.list).toBeNull();
    expect(collapsed.listCollapsed).toBe(true);
    expect(panelLayout(300, 250, on, true).list?.placement).toBe('bottom');
  });

  it('honours a fixed placement and switched-off parts', () => {
    expect(panelLayout(1200, 500, { ...on, listPlacement: ListPlacement.Bottom }).list?.placement).toBe('bottom');
    const bare = panelLayout(800, 400, { showBanner: false, showRankedList: false, listPlacement: ListPlacement.Auto });
    expect(bare.list).toBeNull();
    expect(bare.listCollapsed).toBe(false);
    expect(bare.bannerHeight).toBe(0);
  });

  it('drops banner and summary before squeezing the graph below its minimum', () => {
    const layout = panelLayout(400, 100, on);
    expect(layout.bannerHeight).toBe(0);
    expect(layout.graph.height).toBeGreaterThanOrEqual(MIN_GRAPH_HEIGHT);
  });

  it('gives a notice the top row whatever the banner option, and even in a panel too short for the banner', () => {
    const bannerOff = { ...on, showBanner: false };
    expect(panelLayout(800, 400, bannerOff).bannerHeight).toBe(0);
    expect(panelLayout(800, 400, bannerOff, false, { notice: true, wrappedHeight: 20 }).bannerHeight).toBe(BANNER_HEIGHT);
    const short = panelLayout(400, 100, on, false, { notice: true, wrappedHeight: BANNER_HEIGHT });
    expect(short.bannerHeight).toBe(BANNER_HEIGHT);
    expect(short.bannerHeight + short.summaryHeight + short.graph.height).toBeLessThanOrEqual(100);
  });

  it('gives a wrapped notice its height, up to three lines, and the graph the rest', () => {
    expect(panelLayout(300, 400, on, false, { notice: true, wrappedHeight: 54 }).bannerHeight).toBe(54);
    const long = panelLayout(300, 400, on, false, { notice: true, wrappedHeight: 500 });
    expect(long.bannerHeight).toBe(MAX_NOTICE_HEIGHT);
    expect(long.bannerHeight + long.summaryHeight + long.graph.height + (long.list?.height ?? 0)).toBeLessThanOrEqual(400);
  });

  it('caps the list beside at its maximum width and the list below at its maximum height', () => {
    expect(panelLayout(3000, 500, on).list?.width).toBe(LIST_BESIDE_MAX_WIDTH);
    expect(panelLayout(300, 2000, on).list?.height).toBe(LIST_BELOW_MAX_HEIGHT);
  });

  it('puts a list chosen to go beside below when the panel is too narrow for both', () => {
    const right = { ...on, listPlacement: ListPlacement.Right };
    expect(panelLayout(LIST_BESIDE_ABSOLUTE_MIN_WIDTH, 500, right).list?.placement).toBe('right');
    expect(panelLayout(LIST_BESIDE_ABSOLUTE_MIN_WIDTH - 1, 500, right).list?.placement).toBe('bottom');
  });
});

describe('panelLayout with a wrapped banner', () => {
  it('gives a banner wrapped in a narrow panel its wrapped height, at most three lines', () => {
    expect(panelLayout(200, 500, on, false, { notice: false, wrappedHeight: 58 }).bannerHeight).toBe(58);
    expect(panelLayout(200, 500, on, false, { notice: false, wrappedHeight: 400 }).bannerHeight).toBe(MAX_NOTICE_HEIGHT);
  });

  it('keeps one line of banner when the wrapped one would leave the graph too little', () => {
    expect(panelLayout(200, MIN_GRAPH_HEIGHT + SUMMARY_HEIGHT + 40, on, false, { notice: false, wrappedHeight: 58 }).bannerHeight).toBe(BANNER_HEIGHT);
  });
});
