import { AppPlugin } from '@grafana/data';

import { AppConfig } from './app/components/AppConfig';
import { AppRoot } from './app/components/AppRoot';
import { AppJsonData } from './app/types';

/**
 * The SafeDeploy app: Release health pages (services overview, service detail, readiness
 * review) over the bundled SafeDeploy Events datasource and Deploy Impact panel's engine.
 */
export const plugin = new AppPlugin<AppJsonData>().setRootPage(AppRoot).addConfigPage({
  title: 'Configuration',
  icon: 'cog',
  body: AppConfig,
  id: 'configuration',
});
