import { PanelModel } from '@grafana/data';

import { Direction } from '../engine';
import { migrateOptions, normalizeOptions } from './migrateOptions';
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

  // Regression: a provisioned dashboard with "afterMinutes": "60" was scored with the default 30
  // minutes, silently, and one with "seriesMatch": null broke the panel.
  it('reads numbers saved as text, and gives options saved as null or in another shape their defaults', () => {
    const migrated = migrateOptions(panel({ afterMinutes: '60', largeRatio: ' 3 ', seriesMatch: null, services: 42, showBanner: 'no', kinds: 'deploy', beforeMinutes: 'soon' }));
    expect(migrated).toStrictEqual({ ...DEFAULT_OPTIONS, afterMinutes: 60, largeRatio: 3, kinds: ['deploy'], optionsVersion: OPTIONS_VERSION });
  });

  it('handles a panel without options', () => {
    expect(migrateOptions(panel(undefined as never))).toStrictEqual(DEFAULT_OPTIONS);
  });

  describe('normalizeOptions', () => {
    it('is what the panel runs with when Grafana did not run the migration (same pluginVersion)', () => {
      expect(normalizeOptions({ afterMinutes: '60', seriesMatch: null, legacyThing: true })).toStrictEqual({ ...DEFAULT_OPTIONS, afterMinutes: 60 });
    });

    it('keeps every option saved in its default shape as it is', () => {
      const saved = { ...DEFAULT_OPTIONS, seriesMatch: '/5xx/', kinds: ['deploy', 'flag'], showBanner: false, afterMinutes: 15 };
      expect(normalizeOptions(saved as never)).toStrictEqual(saved);
    });
  });
});
