import { PanelPlugin } from '@grafana/data';

import { ImpactPanel } from './ImpactPanel';
import { ImpactOptions } from './types';

export const plugin = new PanelPlugin<ImpactOptions>(ImpactPanel);
