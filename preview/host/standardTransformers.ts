// Grafana's transformations, registered at start-up as Grafana's app does
// (public/app/app.ts: standardTransformersRegistry.setInit(getStandardTransformers), the list in
// public/app/features/transformers/standardTransformers.ts). A panel's saved `transformations`
// are looked up in this registry by id when its data is transformed (@grafana/data's
// transformDataFrame, which scenes' SceneDataTransformer and the pre-scenes PanelQueryRunner
// both call). The host registers the transformers @grafana/data publishes, which are the ones
// Grafana's list takes from it ("Series to rows", "Organize fields", "Rename by regex", "Join by
// field", "Sort by", "Filter by name", ...); those Grafana keeps in its own build ("Prepare time
// series", "Partition by values", "Config from query results", ...) are not available here: a
// panel that names one fails with transformDataFrame's own error.
import { DataTransformerInfo, standardTransformers, standardTransformersRegistry, TransformerRegistryItem } from '@grafana/data';

export function registerStandardTransformers() {
  // One entry per id: @grafana/data lists some transformers under two export names.
  const byId = new Map<string, DataTransformerInfo>();
  for (const transformation of Object.values(standardTransformers) as DataTransformerInfo[]) {
    byId.set(transformation.id, transformation);
  }
  standardTransformersRegistry.setInit(() =>
    [...byId.values()].map(
      (transformation) =>
        ({
          id: transformation.id,
          aliasIds: transformation.aliasIds,
          name: transformation.name,
          description: transformation.description,
          transformation,
          // The host has no panel editor, so no transformation editor is ever shown.
          editor: () => null,
          imageDark: '',
          imageLight: '',
        }) as TransformerRegistryItem<unknown>
    )
  );
}
