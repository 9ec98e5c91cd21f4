// A panel's Relative time and Time shift on the scenes view: the panel's own $timeRange,
// under the dashboard's, as Grafana's dashboard scene gives a panel with `timeFrom` or
// `timeShift` one (public/app/features/dashboard-scene/scene/panel-timerange/PanelTimeRange.tsx,
// v12.4.0). The range itself is panelRange's; a change of range (a zoom) goes to the dashboard's,
// as SceneTimeRangeTransformerBase forwards it. The host does not draw the header's time info.
import { getDefaultTimeRange } from '@grafana/data';
import { sceneGraph, SceneTimeRangeState, SceneTimeRangeTransformerBase } from '@grafana/scenes';

import { panelRange } from '../panelRange';

interface PanelTimeRangeState extends SceneTimeRangeState {
  timeFrom?: string;
  timeShift?: string;
}

export class PanelTimeRange extends SceneTimeRangeTransformerBase<PanelTimeRangeState> {
  public constructor(state: { timeFrom?: string; timeShift?: string }) {
    // Not a range until activated under the dashboard's.
    super({ ...state, from: 'now-6h', to: 'now', value: getDefaultTimeRange() });
  }

  protected ancestorTimeRangeChanged(dashboard: SceneTimeRangeState): void {
    const options = {
      timeFrom: this.state.timeFrom && sceneGraph.interpolate(this, this.state.timeFrom),
      timeShift: this.state.timeShift && sceneGraph.interpolate(this, this.state.timeShift),
    };
    const value = panelRange(dashboard.value, options, this.getTimeZone());
    this.setState({ value, from: String(value.raw.from), to: String(value.raw.to) });
  }
}
