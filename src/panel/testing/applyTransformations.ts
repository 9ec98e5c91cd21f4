import { DataFrame, DataTransformerConfig, transformDataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

// Grafana runs a panel's transformations with @grafana/data's transformDataFrame before it
// applies the field config and hands the frames to the panel (scenes: SceneDataTransformer).
// Jest has no Grafana app to register the transformers at start-up; the preview host's
// registration (Grafana's own transformers from @grafana/data, see preview/EMULATION.md) is the
// one the browser tests run too.
import { registerStandardTransformers } from '../../../preview/host/standardTransformers';

let registered = false;

/** The frames as a panel with these transformations receives them, by @grafana/data's own transformers. */
export function applyTransformations(frames: DataFrame[], transformations: DataTransformerConfig[]): Promise<DataFrame[]> {
  if (!registered) {
    registerStandardTransformers();
    registered = true;
  }
  return lastValueFrom(transformDataFrame(transformations, frames));
}
