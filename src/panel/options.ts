import { DEFAULT_SCORING_SETTINGS } from '../frames/toEngineOptions';
import { ImpactOptions, ListPlacement } from './types';

export const OPTIONS_VERSION = 1;

/** Defaults of every panel option: the engine's documented defaults, in the panel's units. */
export const DEFAULT_OPTIONS: ImpactOptions = {
  optionsVersion: OPTIONS_VERSION,
  seriesMatch: '',
  requestsMatch: '',
  versionLabel: 'version',
  ...DEFAULT_SCORING_SETTINGS,
  kinds: [],
  services: '',
  environments: '',
  sources: '',
  showRankedList: true,
  listPlacement: ListPlacement.Auto,
  showBanner: true,
  showWindowsOnHover: true,
};
