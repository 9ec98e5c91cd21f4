import {
  DataFrame,
  DecimalCount,
  Field,
  FieldType,
  formattedValueToString,
  getDisplayProcessor,
  getLinksSupplier,
  GrafanaTheme2,
  InterpolateFunction,
  LinkModel,
} from '@grafana/data';
import { TimeZone } from '@grafana/schema';

import { formatNumber } from '../../engine/describe';
import { seriesId, sourceName } from '../../frames/extractSeries';

/** How one series is shown: its standard field options (unit, decimals, min, max, no value, links) as functions of its values. */
export interface SeriesDisplay {
  /** The value in the series' unit and decimals ("1.3%"); `decimals` are the axis' ticks' when Grafana asks for them. */
  format: (value: number | null | undefined, decimals?: DecimalCount) => string;
  /** Series with the same unit share a y axis, its ticks formatted with the unit and the first series' decimals. */
  unit: string;
  decimals?: number;
  /** Fixed bounds of the y axis, when set. */
  min?: number;
  max?: number;
  /** The series' data links for row `rowIndex` of its own field, interpolated for that row; only http(s) and same-site ones. */
  links: (rowIndex: number) => LinkModel[];
}

/** What a value with no number reads as when the series sets no "No value" text. */
export const NO_VALUE = '–';

/** A series with no field options (the app's pages score series they read themselves): plain numbers, no links. */
export const PLAIN_DISPLAY: SeriesDisplay = {
  format: (value) => (typeof value === 'number' && Number.isFinite(value) ? formatNumber(value) : NO_VALUE),
  unit: '',
  links: () => [],
};

/**
 * Formats a y axis' ticks in a unit, as Grafana's display processor formats a field with that
 * unit and decimals (the axis adds the decimals its tick spacing needs).
 *
 * @example
 * axisFormat('percentunit', undefined, theme)(0.013) // "1.30%"
 */
export function axisFormat(
  unit: string,
  decimals: number | undefined,
  theme: GrafanaTheme2
): (value: number, tickDecimals?: DecimalCount) => string {
  const display = getDisplayProcessor({
    field: { type: FieldType.number, config: { unit: unit || undefined, decimals } },
    theme,
    timeZone: 'utc',
  });
  return (value, tickDecimals) => formattedValueToString(display(value, tickDecimals));
}

/**
 * True for an http(s) URL or a path on this Grafana: a data link with any other scheme
 * (`javascript:`, `data:`) is dropped, whoever wrote it.
 *
 * @example
 * isSafeLinkHref('/d/abc?var-service=checkout') // true
 * isSafeLinkHref('javascript:alert(1)') // false
 */
export function isSafeLinkHref(href: string): boolean {
  const trimmed = href.trim();
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) {
    return true;
  }
  try {
    const { protocol } = new URL(trimmed);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function finiteOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * One field's display, from what Grafana set on it when it applied the panel's field config
 * (`field.display`, `field.getLinks`); a field that arrives without them (a host that does not
 * apply field config) gets Grafana's own display processor and links supplier on its config.
 */
function fieldDisplay(
  field: Field,
  frame: DataFrame,
  theme: GrafanaTheme2,
  replaceVariables: InterpolateFunction,
  timeZone: TimeZone
): SeriesDisplay {
  const display = field.display ?? getDisplayProcessor({ field, theme, timeZone });
  const noValue = field.config.noValue || NO_VALUE;
  const getLinks =
    field.getLinks ??
    (field.config.links?.length ? getLinksSupplier(frame, field, {}, replaceVariables, timeZone) : undefined);
  return {
    format: (value, decimals) =>
      typeof value === 'number' && Number.isFinite(value) ? formattedValueToString(display(value, decimals)) : noValue,
    unit: field.config.unit ?? '',
    decimals: finiteOrUndefined(field.config.decimals),
    min: finiteOrUndefined(field.config.min),
    max: finiteOrUndefined(field.config.max),
    links: (rowIndex) =>
      getLinks ? getLinks({ valueRowIndex: rowIndex }).filter((link) => isSafeLinkHref(link.href)) : [],
  };
}

/**
 * The display of every numeric series in the frames, by the series id `extractSeries` gives
 * it. Display options only shape what is shown: the engine reads the raw values. O(fields).
 *
 * @example
 * seriesDisplays(data.series, theme, replaceVariables).get(series.id)?.format(0.013) // "1.3%" with unit percentunit
 */
export function seriesDisplays(
  frames: DataFrame[],
  theme: GrafanaTheme2,
  replaceVariables: InterpolateFunction,
  timeZone: TimeZone = 'utc'
): Map<string, SeriesDisplay> {
  const out = new Map<string, SeriesDisplay>();
  frames.forEach((frame, frameIndex) => {
    frame.fields.forEach((field, fieldIndex) => {
      if (field.type === FieldType.number) {
        const id = seriesId(frame, frameIndex, fieldIndex, sourceName(field, frame, frames));
        out.set(id, fieldDisplay(field, frame, theme, replaceVariables, timeZone));
      }
    });
  });
  return out;
}
