import { DataFrame, DataTransformerConfig, standardTransformers, standardTransformersRegistry, transformDataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

// CONSTRUCTED for tests. Grafana registers its transformations at start-up
// (public/app/app.ts: standardTransformersRegistry.setInit(getStandardTransformers)) and runs a
// panel's transformations with @grafana/data's transformDataFrame before it applies the field
// config and hands the frames to the panel (scenes: SceneDataTransformer). Jest has no Grafana
// app, so the tests register @grafana/data's own transformers, without editors.
let registered = false;

function register() {
  if (registered) {
    return;
  }
  registered = true;
  // One entry per id: @grafana/data lists some transformers under two names.
  const byId = new Map(Object.values(standardTransformers).map((transformation) => [transformation.id, transformation]));
  standardTransformersRegistry.setInit(() =>
    [...byId.values()].map((transformation) => ({
      id: transformation.id,
      aliasIds: transformation.aliasIds,
      name: transformation.name,
      description: transformation.description,
      transformation,
      editor: () => null,
      // Pictures for the transformation picker, which no test opens.
      imageDark: '',
      imageLight: '',
    }))
  );
}

/** The frames as a panel with these transformations receives them, by @grafana/data's own transformers. */
export function applyTransformations(frames: DataFrame[], transformations: DataTransformerConfig[]): Promise<DataFrame[]> {
  register();
  return lastValueFrom(transformDataFrame(transformations, frames));
}
