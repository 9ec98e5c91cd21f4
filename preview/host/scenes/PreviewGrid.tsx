// The dashboard's grid: each VizPanel at its saved gridPos (24 columns, Grafana's row height
// and gap). A layout only; Grafana's react-grid-layout adds dragging, which the host does not need.
import React from 'react';
import { SceneComponentProps, SceneObjectBase, SceneObjectState, VizPanel } from '@grafana/scenes';

/** Where a panel goes on the grid: its saved gridPos, with its id and type. */
export interface Position {
  id: number;
  type: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

interface PreviewGridState extends SceneObjectState {
  panels: VizPanel[];
  /** The saved gridPos of each panel, by index. */
  positions: Position[];
}

/** Row height and gap of Grafana's dashboard grid, in px. */
const GRID_ROW = 30;
const GRID_GAP = 8;

function PreviewGridRenderer({ model }: SceneComponentProps<PreviewGrid>) {
  const { panels, positions } = model.useState();
  const bottom = Math.max(0, ...positions.map((p) => p.y + p.h));
  return (
    <div style={{ position: 'relative', flex: 1, width: '100%', height: bottom * (GRID_ROW + GRID_GAP) }}>
      {panels.map((panel, i) => {
        const p = positions[i];
        return (
          <div
            key={panel.state.key}
            data-testid={`preview-panel-${p.id}`}
            data-panel-type={p.type}
            style={{
              position: 'absolute',
              left: `calc(${(p.x / 24) * 100}% + ${GRID_GAP / 2}px)`,
              width: `calc(${(p.w / 24) * 100}% - ${GRID_GAP}px)`,
              top: p.y * (GRID_ROW + GRID_GAP),
              height: p.h * (GRID_ROW + GRID_GAP) - GRID_GAP,
            }}
          >
            <panel.Component model={panel} />
          </div>
        );
      })}
    </div>
  );
}

export class PreviewGrid extends SceneObjectBase<PreviewGridState> {
  static Component = PreviewGridRenderer;
}
