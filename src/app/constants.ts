export const APP_ID = 'safedeploy-deploys-app';
/** Base URL of the app's pages in Grafana. */
export const APP_URL = `/a/${APP_ID}`;
/** The app's configuration page in Grafana. */
export const CONFIG_URL = `/plugins/${APP_ID}`;

export enum AppRoute {
  Services = 'services',
  Readiness = 'readiness',
}

/** Range choices of the pages; the overview defaults to 30 days. */
export const RANGE_PRESETS = [
  { label: '7 days', value: 'now-7d' },
  { label: '30 days', value: 'now-30d' },
  { label: '90 days', value: 'now-90d' },
];
export const DEFAULT_RANGE_FROM = 'now-30d';

/** Rows per page of the services tables: thousands of services stay responsive. */
export const PAGE_SIZE = 50;

export const TEST_IDS = {
  overview: 'data-testid sd-app-overview',
  allServices: 'data-testid sd-app-all-services',
  serviceRow: 'data-testid sd-app-service-row',
  detail: 'data-testid sd-app-detail',
  deployRow: 'data-testid sd-app-deploy-row',
  trendRow: 'data-testid sd-app-trend-row',
  readiness: 'data-testid sd-app-readiness',
  readinessItem: 'data-testid sd-app-readiness-item',
  review: 'data-testid sd-app-review',
  notice: 'data-testid sd-app-notice',
  noticeInfo: 'data-testid sd-app-notice-info',
  emptyState: 'data-testid sd-app-empty',
  exportMarkdown: 'data-testid sd-app-export',
  markdown: 'data-testid sd-app-markdown',
  config: 'data-testid sd-app-config',
  configSave: 'data-testid sd-app-config-save',
  configStatus: 'data-testid sd-app-config-status',
  configQuery: 'data-testid sd-app-config-query',
  rangePicker: 'data-testid sd-app-range',
  filter: 'data-testid sd-app-filter',
  impactView: 'data-testid sd-app-impact-view',
} as const;
