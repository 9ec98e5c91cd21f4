import { FieldConfigProperty } from '@grafana/data';

/**
 * Grafana's standard field options the panel honours: the axis, the cursor readout, the
 * series tooltip, the event tooltip and the ranked list format values with unit, decimals
 * and no-value text; min and max bound the y axis; display name names the series; links
 * are the series' data links. Overrides apply to each of them per series.
 */
export const HONOURED_STANDARD_OPTIONS: readonly string[] = [
  FieldConfigProperty.Unit,
  FieldConfigProperty.Decimals,
  FieldConfigProperty.Min,
  FieldConfigProperty.Max,
  FieldConfigProperty.DisplayName,
  FieldConfigProperty.NoValue,
  FieldConfigProperty.Links,
];

/**
 * Every standard option of the running Grafana but the honoured ones: colour schemes,
 * thresholds, value mappings, actions and whatever a later Grafana adds stay out of the
 * editor until the panel draws them, so no option in it does nothing.
 *
 * @example
 * disabledStandardOptions() // [FieldConfigProperty.Thresholds, FieldConfigProperty.Mappings, FieldConfigProperty.Color, ...]
 */
export function disabledStandardOptions(): FieldConfigProperty[] {
  return Object.values(FieldConfigProperty).filter((property) => !HONOURED_STANDARD_OPTIONS.includes(property));
}
