/** data-testid values of the Deploy Impact panel, shared by component and browser tests. */
export const TEST_IDS = {
  panel: 'data-testid safedeploy-impact-panel',
  graph: 'data-testid safedeploy-impact-graph',
  marker: 'data-testid safedeploy-marker',
  cluster: 'data-testid safedeploy-marker-cluster',
  tooltip: 'data-testid safedeploy-tooltip',
  /** The series values and data links a click on the graph pins. */
  seriesTooltip: 'data-testid safedeploy-series-tooltip',
  /** The values under the cursor, beside the legend. */
  readout: 'data-testid safedeploy-readout',
  /** How many series the legend had no room to name. */
  legendMore: 'data-testid safedeploy-legend-more',
  /** The release gate's verdict beside the panel's, in the tooltip. */
  gateVerdict: 'data-testid safedeploy-gate-verdict',
  windowBaseline: 'data-testid safedeploy-window-baseline',
  windowImpact: 'data-testid safedeploy-window-impact',
  rankedList: 'data-testid safedeploy-ranked-list',
  rankedRow: 'data-testid safedeploy-ranked-row',
  /** "Turn off now" on a flag judged Turn flag off, for roles the app lets act. */
  turnOffNow: 'data-testid safedeploy-turn-off-now',
  /** Why "Turn off now" is not offered on a row that would have it (two datasources could act). */
  turnOffUnavailable: 'data-testid safedeploy-turn-off-unavailable',
  /** Why a confirmed turn-off was not sent: the data refreshed and the change no longer calls for it. */
  turnOffWithdrawn: 'data-testid safedeploy-turn-off-withdrawn',
  /** What came of an action, on its event's row. */
  actionResult: 'data-testid safedeploy-action-result',
  banner: 'data-testid safedeploy-banner',
  /** What the banner's verdict could not take into account (Requests series matched none). */
  bannerCaveat: 'data-testid safedeploy-banner-caveat',
  summary: 'data-testid safedeploy-summary',
  empty: 'data-testid safedeploy-empty',
  listToggle: 'data-testid safedeploy-list-toggle',
};
