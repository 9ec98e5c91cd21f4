import React, { useMemo } from 'react';
import { AppRootProps } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, LoadingPlaceholder, Text, TextLink, useStyles2 } from '@grafana/ui';

import { appUrl, parseAppPath } from '../appUrl';
import { AppRoute, CONFIG_URL, TEST_IDS } from '../constants';
import { AppJsonData } from '../types';
import { withAppDefaults } from '../withAppDefaults';
import { Notices } from './Notices';
import { RangePicker } from './RangePicker';
import { ReadinessReview } from './ReadinessReview';
import { ServiceDetail } from './ServiceDetail';
import { ServicesOverview } from './ServicesOverview';
import { getStyles } from './styles';
import { useAppLocation } from './useAppLocation';
import { useReleaseHealth } from './useReleaseHealth';

/**
 * Release health: the services overview, a service's detail and the readiness review, routed
 * on Grafana's location (no router of our own, so it runs the same in Grafana 10.4 to 13).
 */
export function AppRoot({ meta }: AppRootProps<AppJsonData>) {
  const styles = useStyles2(getStyles);
  const location = useAppLocation();
  const settings = useMemo(() => withAppDefaults(meta.jsonData), [meta.jsonData]);
  const { route, service } = parseAppPath(location.pathname, location.search);
  const { loading, health, error } = useReleaseHealth(settings, location.raw, location.range);
  const title =
    route === AppRoute.Readiness ? 'Readiness review' : service ? `Release health: ${service}` : 'Release health';

  let body: React.ReactNode;
  if (settings.eventSources.length === 0) {
    body = (
      <div data-testid={TEST_IDS.emptyState} role="status">
        <Text element="h3">No event sources configured</Text>
        <p>
          Choose the SafeDeploy Events data source(s) to read deploys from, and the error metric query of your services,
          in the <TextLink href={CONFIG_URL}>app configuration</TextLink>.
        </p>
      </div>
    );
  } else if (error) {
    body = <Alert title="Release health could not be computed">{error}</Alert>;
  } else if (loading || !health) {
    body = <LoadingPlaceholder text="Reading deploys and error metrics…" />;
  } else if (route === AppRoute.Readiness) {
    body = <ReadinessReview health={health} service={service} settings={settings} location={location} />;
  } else if (service !== null) {
    body = <ServiceDetail health={health} service={service} location={location} />;
  } else {
    body = <ServicesOverview health={health} location={location} />;
  }

  return (
    <PluginPage pageNav={{ text: title }}>
      <div className={styles.page}>
        <nav className={styles.toolbar} aria-label="Release health pages">
          <TextLink
            href={appUrl(AppRoute.Services, undefined, location.raw)}
            aria-current={route === AppRoute.Services && !service ? 'page' : undefined}
          >
            Services overview
          </TextLink>
          <TextLink
            href={appUrl(AppRoute.Readiness, undefined, location.raw)}
            aria-current={route === AppRoute.Readiness && !service ? 'page' : undefined}
          >
            Readiness review
          </TextLink>
          <TextLink href={CONFIG_URL}>Configuration</TextLink>
          <RangePicker location={location} />
        </nav>
        {health && <Notices notices={health.notices} />}
        {body}
      </div>
    </PluginPage>
  );
}
