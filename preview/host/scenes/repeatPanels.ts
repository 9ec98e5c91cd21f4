// Repeated panels (`repeat` by a variable), as Grafana's dashboard scene makes them
// (public/app/features/dashboard-scene/scene/layout-default/DashboardGridItem.tsx,
// `performRepeat`, v12.4.0): one clone of the panel per value of the variable, keyed
// `<key>-clone-<index>`, each with a SceneVariableSet holding a LocalValueVariable of that value,
// so its queries, options and links read its own value. The host repeats once, when the
// dashboard is built, for the variable's saved value; Grafana repeats again when the value changes.
import { LocalValueVariable, SceneVariableSet, VizPanel } from '@grafana/scenes';

import { Position } from './PreviewGrid';
import { RepeatVariable, repeatValues } from './repeatValues';

interface RepeatedPanel {
  id: number;
  type: string;
  gridPos: { x: number; y: number; w: number; h: number };
  repeat?: string;
  repeatDirection?: 'h' | 'v';
  maxPerRow?: number;
}

/**
 * `panel` once per value of its `repeat` variable, with where each goes: side by side, at most
 * `maxPerRow` (4) to a row, sharing the width ('h', the default), or one under the other at the
 * saved size ('v'). A panel with no repeat, or whose variable has no value, is returned as it is.
 */
export function repeatPanel(panel: VizPanel, saved: RepeatedPanel, variables: RepeatVariable[]): Array<{ panel: VizPanel; position: Position }> {
  const position = { ...saved.gridPos, id: saved.id, type: saved.type };
  const variable = variables.find((v) => v.name === saved.repeat);
  const values = variable ? repeatValues(variable) : [];
  if (!variable || values.length === 0) {
    return [{ panel, position }];
  }
  const perRow = Math.min(saved.maxPerRow ?? 4, values.length);
  const width = Math.floor(24 / perRow);
  return values.map(({ value, text }, index) => {
    const clone = panel.clone({
      key: `${panel.state.key}-clone-${index}`,
      $variables: new SceneVariableSet({
        variables: [new LocalValueVariable({ name: variable.name, value, text, isMulti: variable.multi, includeAll: variable.includeAll })],
      }),
    });
    const at =
      saved.repeatDirection === 'v'
        ? { x: position.x, y: position.y + index * position.h, w: position.w }
        : { x: (index % perRow) * width, y: position.y + Math.floor(index / perRow) * position.h, w: width };
    return { panel: clone, position: { ...position, ...at } };
  });
}
