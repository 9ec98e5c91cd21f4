// The data macros Grafana's template service fills from a data link's `__dataContext`
// (public/app/features/templating/macroRegistry.ts and dataMacros.ts, v10.4.0 and v11.6.0):
// `${__value.raw|numeric|text|time}`, `${__series.name}`, `${__field.name|displayName|labels.x}`
// and `${__data.fields[...]...}`. On 12.4 scenes' own interpolation does this (sceneGraph.interpolate).
import {
  Field,
  FieldType,
  formatLabels,
  formattedValueToString,
  getDisplayProcessor,
  getFieldDisplayName,
  getFieldDisplayValuesProxy,
  getFrameDisplayName,
  ScopedVars,
} from '@grafana/data';
import { get } from 'lodash';

type Macro = (fieldPath: string | undefined, scopedVars: ScopedVars | undefined) => unknown;

/** What a macro leaves when it cannot answer: the text as written, as Grafana's do. */
export const UNRESOLVED = Symbol('unresolved');

let fallbackDisplay: ReturnType<typeof getDisplayProcessor> | undefined;

function valueMacro(fieldPath: string | undefined, scopedVars: ScopedVars | undefined): unknown {
  const context = scopedVars?.__dataContext?.value;
  if (!context) {
    return UNRESOLVED;
  }
  const { frame, field, rowIndex, calculatedValue } = context;
  if (calculatedValue) {
    switch (fieldPath) {
      case 'numeric':
        return calculatedValue.numeric.toString();
      case 'raw':
        return calculatedValue.numeric;
      case 'time':
        return '';
      default:
        return formattedValueToString(calculatedValue);
    }
  }
  if (rowIndex === undefined) {
    return UNRESOLVED;
  }
  if (fieldPath === 'time') {
    return frame.fields.find((f) => f.type === FieldType.time)?.values[rowIndex];
  }
  const value = field.values[rowIndex];
  if (fieldPath === 'raw') {
    return value;
  }
  const shown = (field.display ?? (fallbackDisplay ??= getDisplayProcessor()))(value);
  if (fieldPath === 'numeric') {
    return shown.numeric;
  }
  return fieldPath === 'text' ? shown.text : formattedValueToString(shown);
}

function seriesMacro(fieldPath: string | undefined, scopedVars: ScopedVars | undefined): unknown {
  const context = scopedVars?.__dataContext?.value;
  if (!context || fieldPath !== 'name') {
    return UNRESOLVED;
  }
  return getFrameDisplayName(context.frame, context.frameIndex);
}

/** The field as templates see it: its name, display name and labels (`labels` alone prints them as `a=b, c=d`). */
function fieldTemplate(field: Field, frame: ScopedVarsFrame, data: ScopedVarsFrame[]) {
  const labels = field.labels;
  return {
    name: field.name,
    get displayName() {
      return getFieldDisplayName(field, frame, data);
    },
    labels: labels
      ? { ...labels, __values: Object.values(labels).sort().join(', '), toString: () => formatLabels(labels, '', true) }
      : '',
  };
}

type ScopedVarsFrame = NonNullable<ScopedVars['__dataContext']>['value']['frame'];

function fieldMacro(fieldPath: string | undefined, scopedVars: ScopedVars | undefined): unknown {
  const context = scopedVars?.__dataContext?.value;
  if (!context || !fieldPath) {
    return UNRESOLVED;
  }
  return get(fieldTemplate(context.field, context.frame, context.data), fieldPath) ?? '';
}

function dataMacro(fieldPath: string | undefined, scopedVars: ScopedVars | undefined): unknown {
  const context = scopedVars?.__dataContext?.value;
  if (!context || !fieldPath || context.rowIndex === undefined) {
    return UNRESOLVED;
  }
  const { frame, rowIndex } = context;
  const row = { name: frame.name, refId: frame.refId, fields: getFieldDisplayValuesProxy({ frame, rowIndex }) };
  return get(row, fieldPath) ?? '';
}

const MACROS: Record<string, Macro> = { __value: valueMacro, __series: seriesMacro, __field: fieldMacro, __data: dataMacro };

/** The macro's value for `${name.fieldPath}`, or UNRESOLVED when `name` is no data macro or has no data to answer from. */
export function dataMacroValue(name: string, fieldPath: string | undefined, scopedVars: ScopedVars | undefined): unknown {
  const macro = MACROS[name];
  return macro ? macro(fieldPath, scopedVars) : UNRESOLVED;
}

/** `__value` formats its value with the asked format; `__field` and `__data` hand theirs back as they are, as Grafana's do. */
export function macroFormats(name: string): boolean {
  return name === '__value' || name === '__series';
}
