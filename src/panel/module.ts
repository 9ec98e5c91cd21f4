import { PanelPlugin, SelectFieldConfigSettings } from '@grafana/data';

import { Direction } from '../engine';
import { EVENT_KINDS, EventKind, EventSource } from '../events/types';
import { ImpactPanel } from './components/ImpactPanel';
import { disabledStandardOptions } from './fieldOptions';
import { migrateOptions } from './migrateOptions';
import { DEFAULT_OPTIONS } from './options';
import { ImpactOptions, ListPlacement } from './types';

const SERIES = ['Series'];
const WINDOWS = ['Windows and thresholds'];
const EVENTS = ['Events'];
const DISPLAY = ['Display'];

export const plugin = new PanelPlugin<ImpactOptions>(ImpactPanel)
  // Grafana hands a panel the dashboard's annotations only when its plugin asks for them.
  .setDataSupport({ annotations: true })
  .setMigrationHandler(migrateOptions)
  .useFieldConfig({ disableStandardOptions: disabledStandardOptions() })
  .setPanelOptions((builder) =>
    builder
      .addTextInput({
        path: 'seriesMatch',
        name: 'Error series',
        description: 'Which series are error-like: part of the series name, or /regex/. Empty uses every numeric series.',
        category: SERIES,
        defaultValue: DEFAULT_OPTIONS.seriesMatch,
      })
      .addTextInput({
        path: 'requestsMatch',
        name: 'Requests series',
        description:
          'Which series are the requests, matched as Error series. When set, each error series is judged as its error ratio (errors / requests), paired by service and version, so a traffic surge is not blamed on a deploy.',
        category: SERIES,
        defaultValue: DEFAULT_OPTIONS.requestsMatch,
      })
      .addTextInput({
        path: 'versionLabel',
        name: 'Version label',
        description:
          'Label that carries the version a series measures (or several, comma-separated, e.g. version,app_version,image_tag). A deploy with a version is then compared with the other versions over the same minutes.',
        category: SERIES,
        defaultValue: DEFAULT_OPTIONS.versionLabel,
      })
      .addRadio({
        path: 'direction',
        name: 'Harm is',
        category: SERIES,
        defaultValue: DEFAULT_OPTIONS.direction,
        settings: {
          options: [
            { value: Direction.Up, label: 'Higher', description: 'errors, latency' },
            { value: Direction.Down, label: 'Lower', description: 'throughput, success rate' },
            { value: Direction.Either, label: 'Either' },
          ],
        },
      })
      .addNumberInput({ path: 'beforeMinutes', name: 'Baseline window (minutes)', category: WINDOWS, defaultValue: DEFAULT_OPTIONS.beforeMinutes, settings: { min: 1 } })
      .addNumberInput({ path: 'afterMinutes', name: 'Impact window (minutes)', category: WINDOWS, defaultValue: DEFAULT_OPTIONS.afterMinutes, settings: { min: 1 } })
      .addNumberInput({
        path: 'calibratedAlpha',
        name: 'Significance',
        description: 'A change is real when earlier moments moved as much less often than this (0.001 = one in a thousand).',
        category: WINDOWS,
        defaultValue: DEFAULT_OPTIONS.calibratedAlpha,
        settings: { min: 0, max: 1, step: 0.0005 },
      })
      .addNumberInput({ path: 'largeRatio', name: 'Large change (x baseline)', description: 'Roll back from this ratio if it lasts.', category: WINDOWS, defaultValue: DEFAULT_OPTIONS.largeRatio, settings: { min: 1 } })
      .addNumberInput({ path: 'smallRatio', name: 'Small change (x baseline)', description: 'Below this, only watch.', category: WINDOWS, defaultValue: DEFAULT_OPTIONS.smallRatio, settings: { min: 1 } })
      .addNumberInput({ path: 'largeSize', name: 'Large change (robust SD)', category: WINDOWS, defaultValue: DEFAULT_OPTIONS.largeSize, settings: { min: 0 } })
      .addNumberInput({ path: 'smallSize', name: 'Small change (robust SD)', category: WINDOWS, defaultValue: DEFAULT_OPTIONS.smallSize, settings: { min: 0 } })
      .addMultiSelect<EventKind, SelectFieldConfigSettings<EventKind>>({
        path: 'kinds',
        name: 'Event kinds',
        description: 'Empty counts every kind.',
        category: EVENTS,
        // no defaultValue: the builder types it as one kind, not a list; DEFAULT_OPTIONS.kinds is []
        settings: { options: EVENT_KINDS.map((kind) => ({ value: kind, label: kind })) },
      })
      .addTextInput({ path: 'services', name: 'Services', description: 'Comma separated; empty for all.', category: EVENTS, defaultValue: DEFAULT_OPTIONS.services })
      .addTextInput({ path: 'environments', name: 'Environments', description: 'Comma separated; empty for all.', category: EVENTS, defaultValue: DEFAULT_OPTIONS.environments })
      .addTextInput({ path: 'sources', name: 'Sources', description: `${Object.values(EventSource).join(', ')}; empty for all.`, category: EVENTS, defaultValue: DEFAULT_OPTIONS.sources })
      .addBooleanSwitch({ path: 'showBanner', name: 'Banner for the newest deploy', category: DISPLAY, defaultValue: DEFAULT_OPTIONS.showBanner })
      .addBooleanSwitch({ path: 'showRankedList', name: 'Ranked list', category: DISPLAY, defaultValue: DEFAULT_OPTIONS.showRankedList })
      .addRadio({
        path: 'listPlacement',
        name: 'Ranked list placement',
        category: DISPLAY,
        defaultValue: DEFAULT_OPTIONS.listPlacement,
        showIf: (o) => o.showRankedList,
        settings: {
          options: [
            { value: ListPlacement.Auto, label: 'Auto' },
            { value: ListPlacement.Right, label: 'Beside' },
            { value: ListPlacement.Bottom, label: 'Below' },
          ],
        },
      })
      .addBooleanSwitch({ path: 'showWindowsOnHover', name: 'Shade windows on hover', category: DISPLAY, defaultValue: DEFAULT_OPTIONS.showWindowsOnHover })
      .addNumberInput({ path: 'optionsVersion', name: 'Options version', category: DISPLAY, defaultValue: DEFAULT_OPTIONS.optionsVersion, showIf: () => false })
  );
