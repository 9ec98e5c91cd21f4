/** Saved options of the Deploy Impact panel. */
export interface ImpactOptions {
  showRankedList: boolean;
  showBanner: boolean;
}
