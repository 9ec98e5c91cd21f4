import {
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  FieldConfigProperty,
  FieldConfigPropertyItem,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardFieldConfigEditorRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  unitOverrideProcessor,
  valueMappingsOverrideProcessor,
} from '@grafana/data';

// CONSTRUCTED for tests. Grafana registers its standard field options at start-up
// (public/app/app.ts calls standardFieldConfigEditorRegistry.setInit with
// getAllStandardFieldConfigs from public/app/core/components/OptionsUI/registry.tsx); a
// panel's field config registry is built from that list, and applyFieldOverrides copies only
// the options in it. Jest has no Grafana app, so the tests register the same ids with
// @grafana/data's own processors. Editors render nothing: no test opens the options pane.

const noEditor = () => null;

function option(id: FieldConfigProperty, process: FieldConfigPropertyItem['process'], defaultValue?: unknown, settings = {}): FieldConfigPropertyItem {
  return { id, path: id, name: id, editor: noEditor, override: noEditor, process, shouldApply: () => true, settings, defaultValue };
}

const STANDARD_OPTIONS: FieldConfigPropertyItem[] = [
  option(FieldConfigProperty.Unit, unitOverrideProcessor),
  option(FieldConfigProperty.Min, numberOverrideProcessor),
  option(FieldConfigProperty.Max, numberOverrideProcessor),
  option(FieldConfigProperty.Decimals, numberOverrideProcessor),
  // Grafana's display name fills variables and data macros (`${__field.labels.service}`) per series.
  option(FieldConfigProperty.DisplayName, displayNameOverrideProcessor, undefined, { expandTemplateVars: true }),
  option(FieldConfigProperty.NoValue, stringOverrideProcessor),
  option(FieldConfigProperty.Links, dataLinksOverrideProcessor),
  option(FieldConfigProperty.Mappings, valueMappingsOverrideProcessor),
  option(FieldConfigProperty.Thresholds, thresholdsOverrideProcessor),
  option(FieldConfigProperty.Color, identityOverrideProcessor, { mode: 'palette-classic' }),
];

/** Registers Grafana's standard field options for the test file; call before any plugin's field config registry is read. */
export function registerStandardFieldConfigs(): void {
  standardFieldConfigEditorRegistry.setInit(() => STANDARD_OPTIONS);
}
