import React, { useMemo } from 'react';
import { TextLink, useStyles2 } from '@grafana/ui';

import { EventSource, PROVIDER_LABEL } from '../../events/types';
import { AppRoute, CONFIG_URL, PAGE_SIZE, TEST_IDS } from '../constants';
import { appUrl } from '../appUrl';
import { ReleaseHealth, ServiceHealth } from '../data/loadReleaseHealth';
import { compareServices, SortKey, sortServices } from '../data/sortServices';
import { changesText, noneJudged, summaryLine } from '../../dora';
import { DORA_SOURCE, doraBand, judgedBandText, unrestoredText } from '../dora/doraBand';
import { DORA_KEY_NAME, LEAD_TIME_NOTE } from '../dora/doraKeyName';
import { DoraKey, ServiceKeys } from '../dora/types';
import { AppColumn, AppTable } from './AppTable';
import { EmptyState } from './EmptyState';
import { BandLabel } from './BandLabel';
import { formatDeploys, formatFrequency, formatMs, formatPercent } from './format';
import { ServiceFilter, matchesFilter, useServiceFilter } from './ServiceFilter';
import { tableSort } from './tableSort';
import { getStyles } from './styles';
import { AppLocation } from './useAppLocation';
import { useTableOrder } from './useTableOrder';

/** The overview's default order, by name, marked as sorted where Grafana supports it. */
const SERVICE_ORDER = { id: SortKey.Service, desc: false };
const SORT_KEYS: readonly string[] = Object.values(SortKey);


/** Why a service's rates may be incomplete, or null when its metric reports. */
export function metricNote(s: ServiceHealth): string | null {
  switch (s.metric.state) {
    case 'reporting':
      return null;
    case 'missing':
      return 'No error metric configured: failures count rollbacks only';
    case 'empty':
      return 'Error metric returned no data: failures count rollbacks only';
    case 'error':
      return `Error metric query failed (${s.metric.message}): failures count rollbacks only`;
  }
}

export function leadTimeNote(s: ServiceHealth): string {
  const names = s.sources.map((source) => PROVIDER_LABEL[source as EventSource] ?? source);
  const sources = names.length ? `${names.join(', ')} events carry` : 'the event sources carry';
  return `Not reported: ${sources} no merge time (GitHub and GitLab deployments do when their pull or merge requests can be read; so do CDEvents change.merged events), or, for GitHub and CDEvents, the range holds only the first deploy of each environment, which has no previous deploy to count from`;
}

/** The service's name (its page), and why its rates may be incomplete; carries the row's test id (InteractiveTable puts none on rows). */
function ServiceCell({ s, location }: { s: ServiceHealth; location: AppLocation }) {
  const styles = useStyles2(getStyles);
  const note = metricNote(s);
  return (
    <div data-testid={TEST_IDS.serviceRow} data-service={s.service}>
      <TextLink href={appUrl(AppRoute.Services, s.service, location.raw)} inline={false}>
        {s.service}
      </TextLink>
      {note && <div className={styles.secondary}>{note}</div>}
    </div>
  );
}

/** "14.3% (2 of 14)", and which of the failures were flag changes: the rate counts them. */
function FailureRateCell({ k }: { k: ServiceKeys }) {
  const styles = useStyles2(getStyles);
  return (
    <div
      data-key="changeFailureRate"
      data-value={k.changeFailureRate ?? ''}
      data-failed={k.failed}
      data-changes={k.changes}
    >
      {k.changeFailureRate === null
        ? 'n/a'
        : noneJudged(k)
          ? 'Unknown'
          : `${formatPercent(k.changeFailureRate)} (${k.failed} of ${k.changes})`}
      <BandLabel dora={DoraKey.ChangeFailureRate} band={doraBand(DoraKey.ChangeFailureRate, k)} />
      {k.changes > 0 && <div className={styles.secondary} data-judged={k.judged}>{judgedBandText(k)}</div>}
      {k.flagChanges > 0 && (
        <div className={styles.secondary} data-flag-failures={k.failedFlagChanges}>
          {changesText(k)}, {k.failedFlagChanges} harmful flag {k.failedFlagChanges === 1 ? 'change' : 'changes'}
        </div>
      )}
    </div>
  );
}

function TimeToRestoreCell({ k }: { k: ServiceKeys }) {
  const styles = useStyles2(getStyles);
  return (
    <div data-key="timeToRestore" data-median={k.timeToRestoreMedianMs ?? ''} data-worst={k.timeToRestoreWorstMs ?? ''}>
      {noneJudged(k)
        ? 'Unknown'
        : k.failed === 0
          ? 'No failures'
          : `${formatMs(k.timeToRestoreMedianMs)} / ${formatMs(k.timeToRestoreWorstMs)}`}
      {k.unrestored > 0 && <div className={styles.secondary}>{unrestoredText(k)}</div>}
      <BandLabel dora={DoraKey.TimeToRestore} band={doraBand(DoraKey.TimeToRestore, k)} />
    </div>
  );
}

function LeadTimeCell({ s }: { s: ServiceHealth }) {
  const styles = useStyles2(getStyles);
  const k = s.keys;
  return (
    <div data-key="leadTime" data-value={k.leadTimeMedianMs ?? ''}>
      {k.leadTimeMedianMs === null ? (
        <span className={styles.secondary}>{leadTimeNote(s)}</span>
      ) : (
        `${formatMs(k.leadTimeMedianMs)} (${k.leadTimeSamples} changes)`
      )}
      <BandLabel dora={DoraKey.LeadTime} band={doraBand(DoraKey.LeadTime, k)} />
    </div>
  );
}

/**
 * A sortable column of the overview, numbers worst first where Grafana supports it. The
 * overview sorts its rows itself (`sortServices`, by the order in the address) and the table
 * only reports the header chosen; InteractiveTable makes a column sortable only when it has a
 * `sortType`, so it gets the same comparator.
 */
function sortable(key: SortKey, header: string, cell: AppColumn<ServiceHealth>['cell']): AppColumn<ServiceHealth> {
  return {
    id: key,
    header,
    cell,
    sortType: tableSort((direction) => compareServices(key, direction)),
    sortDescFirst: key !== SortKey.Service,
  };
}

function overviewColumns(location: AppLocation): Array<AppColumn<ServiceHealth>> {
  return [
    sortable(SortKey.Service, 'Service', ({ row }) => <ServiceCell s={row.original} location={location} />),
    sortable(SortKey.Deploys, 'Deployment frequency', ({ row: { original: s } }) => (
      <div data-key="deploys" data-value={s.keys.deploys}>
        {s.keys.deploys ? `${formatDeploys(s.keys.deploys)} · ${formatFrequency(s.keys.deploysPerDay)}` : 'No deploys'}
        <BandLabel dora={DoraKey.DeploymentFrequency} band={doraBand(DoraKey.DeploymentFrequency, s.keys)} />
      </div>
    )),
    sortable(SortKey.LeadTime, DORA_KEY_NAME[DoraKey.LeadTime], ({ row }) => <LeadTimeCell s={row.original} />),
    sortable(SortKey.ChangeFailureRate, 'Change failure rate', ({ row }) => <FailureRateCell k={row.original.keys} />),
    sortable(SortKey.TimeToRestore, 'Time to restore (median / worst)', ({ row }) => (
      <TimeToRestoreCell k={row.original.keys} />
    )),
    {
      id: 'review',
      header: 'Review',
      cell: ({ row }) => (
        <TextLink href={appUrl(AppRoute.Readiness, row.original.service, location.raw)} inline={false}>
          Readiness
        </TextLink>
      ),
    },
  ];
}

/** Per service: DORA's four keys over the range, their bands, sortable and paged. */
export function ServicesOverview({ health, location }: { health: ReleaseHealth; location: AppLocation }) {
  const styles = useStyles2(getStyles);
  const [filter, setFilter] = useServiceFilter(location);
  const [order, setOrder] = useTableOrder(location, SORT_KEYS, SERVICE_ORDER);
  // In the address's order, sorted here: Grafana 10.4's table has no initial sort of its own.
  const rows = useMemo(() => {
    const shown = health.services.filter((s) => matchesFilter(s.service, filter));
    return sortServices(shown, order.id as SortKey, order.desc ? 'desc' : 'asc');
  }, [health.services, filter, order]);
  const columns = useMemo(() => overviewColumns(location), [location]);

  if (health.services.length === 0) {
    return (
      <EmptyState title="No deploys in this range" failedTitle="Deploys could not be read" notices={health.notices}>
        The event sources returned no deploys between these dates. Widen the range, or check the event sources in the{' '}
        <TextLink href={CONFIG_URL}>app configuration</TextLink>.
      </EmptyState>
    );
  }

  return (
    <div className={styles.page} data-testid={TEST_IDS.overview}>
      <ServiceFilter filter={filter} onChange={setFilter} shown={rows.length} total={health.services.length} />
      <p
        data-testid={TEST_IDS.allServices}
        data-change-failure-rate={health.allServices.changeFailureRate ?? ''}
        data-time-to-restore={health.allServices.timeToRestoreMedianMs ?? ''}
      >
        All services: {summaryLine(health.allServices)}
      </p>
      <AppTable
        label="Services"
        columns={columns}
        data={rows}
        getRowId={(s) => s.service}
        initialSort={order}
        onSort={setOrder}
        pageSize={PAGE_SIZE}
      />
      <p className={styles.secondary}>
        Bands follow{' '}
        <TextLink href={DORA_SOURCE.url} external>
          {DORA_SOURCE.title}
        </TextLink>
        : deployment frequency elite daily or more, high weekly, medium monthly; lead time elite under a day, high under
        a week, medium under a month; change failure rate elite 5%, high 10%, medium 15%; time to restore elite under an
        hour, high under a day, medium under a week. A failed change is a deploy the engine judged roll back or fix
        forward, or that was rolled back, or a feature flag change it judged turn flag off; the change failure rate is
        over all deploys and flag changes, deployment frequency over deploys only. {LEAD_TIME_NOTE}.
      </p>
    </div>
  );
}
