import { PanelModel } from '@grafana/data';

import { Direction } from '../engine';
import { migrateOptions } from './migrateOptions';
import { DEFAULT_OPTIONS, OPTIONS_VERSION } from './options';
import { ImpactOptions } from './types';

function panel(options: Record<string, unknown>) {
  return { id: 1, options, fieldConfig: { defaults: {}, overrides: [] } } as unknown as PanelModel<ImpactOptions>;
}

describe('migrateOptions', () => {
  it('fills defaults into options saved without a version, keeping what was set', () => {
    expect(migrateOptions(panel({ direction: Direction.Down, afterMinutes: 15 }))).toStrictEqual({
      ...DEFAULT_OPTIONS,
      direction: Direction.Down,
      afterMinutes: 15,
      optionsVersion: OPTIONS_VERSION,
    });
  });

  it('drops options this release does not know', () => {
    const migrated = migrateOptions(panel({ legacyThing: true, showBanner: false })) as unknown as Record<string, unknown>;
    expect(migrated.legacyThing).toBeUndefined();
    expect(migrated.showBanner).toBe(false);
  });

  it('leaves options saved by a newer release alone', () => {
    const newer = { optionsVersion: OPTIONS_VERSION + 1, somethingNew: 1 };
    expect(migrateOptions(panel(newer))).toStrictEqual(newer);
  });

  it('handles a panel without options', () => {
    expect(migrateOptions(panel(undefined as never))).toStrictEqual(DEFAULT_OPTIONS);
  });
});
