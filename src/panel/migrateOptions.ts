import { PanelModel } from '@grafana/data';

import { DEFAULT_OPTIONS, OPTIONS_VERSION } from './options';
import { ImpactOptions, OutdatedOptions } from './types';

/**
 * Brings saved options up to the current version: known options are kept, missing ones take
 * their defaults, options from OutdatedOptions are dropped. Options saved by a newer release
 * are left as they are.
 */
export function migrateOptions(panel: PanelModel<ImpactOptions & OutdatedOptions>): ImpactOptions {
  const saved: Record<string, unknown> = { ...(panel.options ?? {}) };
  if (typeof saved.optionsVersion === 'number' && saved.optionsVersion > OPTIONS_VERSION) {
    return saved as unknown as ImpactOptions;
  }
  const known = Object.keys(DEFAULT_OPTIONS) as Array<keyof ImpactOptions>;
  const kept = Object.fromEntries(known.filter((key) => saved[key] !== undefined).map((key) => [key, saved[key]]));
  return { ...DEFAULT_OPTIONS, ...kept, optionsVersion: OPTIONS_VERSION } as ImpactOptions;
}
