// Grafana's standard field options, registered at start-up as Grafana's app does
// (public/app/app.ts: standardFieldConfigEditorRegistry.setInit(getAllStandardFieldConfigs),
// the list in public/app/core/components/OptionsUI/registry.tsx). A panel plugin's field config
// registry is built from this list; applyFieldOverrides (and scenes' VizPanel) copy onto a field
// only the options found there, so without it unit, min/max, decimals, display name and data
// links are dropped for every panel.
import {
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  Field,
  FieldConfigProperty,
  FieldConfigPropertyItem,
  FieldType,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardFieldConfigEditorRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  ThresholdsMode,
  valueMappingsOverrideProcessor,
} from '@grafana/data';

type Processor = FieldConfigPropertyItem['process'];

interface StandardOption {
  process: Processor;
  shouldApply: (field: Field) => boolean;
  defaultValue?: unknown;
  /** Options Grafana lists only under overrides, not in the field defaults. */
  hideFromDefaults?: boolean;
  /** What the processor is told; Grafana's display name expands variables (`expandTemplateVars`), its other text options do not. */
  settings?: Record<string, unknown>;
}

const always = () => true;
const numbersOnly = (field: Field) => field.type === FieldType.number;

/**
 * Each standard option with the processor, field filter and default Grafana's registry gives it.
 * `actions` has no public processor in @grafana/data; Grafana's keeps the value as it is, as
 * `identityOverrideProcessor` does.
 */
const STANDARD_OPTIONS: Record<string, StandardOption> = {
  unit: { process: stringOverrideProcessor, shouldApply: always },
  min: { process: numberOverrideProcessor, shouldApply: numbersOnly },
  max: { process: numberOverrideProcessor, shouldApply: numbersOnly },
  fieldMinMax: { process: booleanOverrideProcessor, shouldApply: numbersOnly },
  decimals: { process: numberOverrideProcessor, shouldApply: numbersOnly },
  displayName: { process: displayNameOverrideProcessor, shouldApply: always, settings: { expandTemplateVars: true } },
  color: { process: identityOverrideProcessor, shouldApply: always },
  noValue: { process: stringOverrideProcessor, shouldApply: always },
  links: { process: dataLinksOverrideProcessor, shouldApply: always },
  actions: { process: identityOverrideProcessor, shouldApply: always, hideFromDefaults: true },
  mappings: { process: valueMappingsOverrideProcessor, shouldApply: (field) => field.type !== FieldType.time, defaultValue: [] },
  thresholds: {
    process: thresholdsOverrideProcessor,
    shouldApply: always,
    defaultValue: {
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: 'green' },
        { value: 80, color: 'red' },
      ],
    },
  },
  filterable: { process: booleanOverrideProcessor, shouldApply: always, hideFromDefaults: true },
};

// The preview host shows no options pane: the editors render nothing.
const noEditor = () => null;

/**
 * The standard options of the running line: those its @grafana/data names in
 * `FieldConfigProperty` (10.4's has no `fieldMinMax` or `actions`), in Grafana's order.
 */
export function standardFieldConfigs(known: string[] = Object.values(FieldConfigProperty)): FieldConfigPropertyItem[] {
  return Object.entries(STANDARD_OPTIONS)
    .filter(([id]) => known.includes(id))
    .map(([id, option]) => ({
      id,
      path: id,
      name: id,
      editor: noEditor,
      override: noEditor,
      settings: {},
      ...option,
    }));
}

/** Registers the standard field options; call before any panel plugin's field config registry is read. */
export function registerStandardFieldConfigs(): void {
  standardFieldConfigEditorRegistry.setInit(() => standardFieldConfigs());
}
