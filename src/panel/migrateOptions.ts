import { PanelModel } from '@grafana/data';

import { DEFAULT_OPTIONS, OPTIONS_VERSION } from './options';
import { ImpactOptions, OutdatedOptions } from './types';

/**
 * A saved value in the shape of its default, or undefined when it has none: a number written as
 * text (`"60"`, as dashboards written by hand or generated from Terraform or Jsonnet carry them)
 * is that number, a single kind is a list of one; null and other shapes are dropped.
 */
function asDefaultShape(value: unknown, fallback: unknown): unknown {
  if (Array.isArray(fallback)) {
    const list = Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : undefined;
    return list?.every((item) => typeof item === 'string') ? list : undefined;
  }
  if (typeof fallback === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return typeof value === typeof fallback && value !== null && !(typeof value === 'number' && !Number.isFinite(value)) ? value : undefined;
}

/**
 * The saved options over the defaults, each in its default's shape (see asDefaultShape);
 * unknown options are dropped. What the panel runs with whether or not Grafana ran the
 * migration handler (it does only when the saved `pluginVersion` differs).
 *
 * @example
 * normalizeOptions({ afterMinutes: '60', seriesMatch: null }) // { ...DEFAULT_OPTIONS, afterMinutes: 60 }
 */
export function normalizeOptions(saved: Record<string, unknown> | undefined): ImpactOptions {
  const out: Record<string, unknown> = { ...DEFAULT_OPTIONS };
  for (const [key, fallback] of Object.entries(DEFAULT_OPTIONS)) {
    const value = asDefaultShape(saved?.[key], fallback);
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out as unknown as ImpactOptions;
}

/**
 * Brings saved options up to the current version: known options are kept in their defaults'
 * shape (normalizeOptions), missing or unusable ones take their defaults, options from
 * OutdatedOptions are dropped. Options saved by a newer release are left as they are.
 */
export function migrateOptions(panel: PanelModel<ImpactOptions & OutdatedOptions>): ImpactOptions {
  const saved: Record<string, unknown> = { ...(panel.options ?? {}) };
  if (typeof saved.optionsVersion === 'number' && saved.optionsVersion > OPTIONS_VERSION) {
    return saved as unknown as ImpactOptions;
  }
  return { ...normalizeOptions(saved), optionsVersion: OPTIONS_VERSION };
}
