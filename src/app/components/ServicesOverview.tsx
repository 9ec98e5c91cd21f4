import React, { useMemo, useState } from 'react';
import { Input, Pagination, useStyles2 } from '@grafana/ui';

import { EventSource, PROVIDER_LABEL } from '../../events/types';
import { AppRoute, CONFIG_URL, PAGE_SIZE, TEST_IDS } from '../constants';
import { appUrl } from '../appUrl';
import { ReleaseHealth, ServiceHealth } from '../data/loadReleaseHealth';
import { SortKey, sortServices } from '../data/sortServices';
import { DORA_SOURCE, doraBand } from '../dora/doraBand';
import { DoraKey } from '../dora/types';
import { BandLabel } from './BandLabel';
import { formatFrequency, formatMs, formatPercent } from './format';
import { getStyles } from './styles';
import { AppLocation } from './useAppLocation';

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: SortKey.Service, label: 'Service' },
  { key: SortKey.Deploys, label: 'Deployment frequency' },
  { key: SortKey.LeadTime, label: 'Lead time for changes' },
  { key: SortKey.ChangeFailureRate, label: 'Change failure rate' },
  { key: SortKey.TimeToRestore, label: 'Time to restore (median / worst)' },
];

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
  return `Not reported: ${sources} no merge time (GitHub and GitLab deployments do when their pull or merge requests can be read; so do CDEvents change.merged events)`;
}

function ServiceRow({ s, location }: { s: ServiceHealth; location: AppLocation }) {
  const styles = useStyles2(getStyles);
  const note = metricNote(s);
  const k = s.keys;
  return (
    <tr data-testid={TEST_IDS.serviceRow} data-service={s.service}>
      <td>
        <a className={styles.link} href={appUrl(AppRoute.Services, s.service, location.raw)}>
          {s.service}
        </a>
        {note && <div className={styles.secondary}>{note}</div>}
      </td>
      <td data-key="deploys" data-value={k.deploys}>
        {k.deploys ? `${k.deploys} deploys · ${formatFrequency(k.deploysPerDay)}` : 'No deploys'}
        <BandLabel dora={DoraKey.DeploymentFrequency} band={doraBand(DoraKey.DeploymentFrequency, k)} />
      </td>
      <td data-key="leadTime" data-value={k.leadTimeMedianMs ?? ''}>
        {k.leadTimeMedianMs === null ? (
          <span className={styles.secondary}>{leadTimeNote(s)}</span>
        ) : (
          `${formatMs(k.leadTimeMedianMs)} (${k.leadTimeSamples} changes)`
        )}
        <BandLabel dora={DoraKey.LeadTime} band={doraBand(DoraKey.LeadTime, k)} />
      </td>
      <td data-key="changeFailureRate" data-value={k.changeFailureRate ?? ''} data-failed={k.failed}>
        {k.changeFailureRate === null ? 'n/a' : `${formatPercent(k.changeFailureRate)} (${k.failed} of ${k.deploys})`}
        <BandLabel dora={DoraKey.ChangeFailureRate} band={doraBand(DoraKey.ChangeFailureRate, k)} />
      </td>
      <td
        data-key="timeToRestore"
        data-median={k.timeToRestoreMedianMs ?? ''}
        data-worst={k.timeToRestoreWorstMs ?? ''}
      >
        {k.failed === 0 ? 'No failures' : `${formatMs(k.timeToRestoreMedianMs)} / ${formatMs(k.timeToRestoreWorstMs)}`}
        {k.unrestored > 0 && <div className={styles.secondary}>{k.unrestored} not restored</div>}
        <BandLabel dora={DoraKey.TimeToRestore} band={doraBand(DoraKey.TimeToRestore, k)} />
      </td>
      <td>
        <a className={styles.link} href={appUrl(AppRoute.Readiness, s.service, location.raw)}>
          Readiness
        </a>
      </td>
    </tr>
  );
}

/** Per service: DORA's four keys over the range, their bands, sortable and paged. */
export function ServicesOverview({ health, location }: { health: ReleaseHealth; location: AppLocation }) {
  const styles = useStyles2(getStyles);
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({
    key: SortKey.Service,
    direction: 'asc',
  });
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const shown = needle ? health.services.filter((s) => s.service.toLowerCase().includes(needle)) : health.services;
    return sortServices(shown, sort.key, sort.direction);
  }, [health.services, filter, sort]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const visible = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  if (health.services.length === 0) {
    return (
      <div data-testid={TEST_IDS.emptyState} role="status">
        <h3>No deploys in this range</h3>
        <p>
          The event sources returned no deploys between these dates. Widen the range, or check the event sources in the{' '}
          <a className={styles.link} href={CONFIG_URL}>
            app configuration
          </a>
          .
        </p>
      </div>
    );
  }

  const toggle = (key: SortKey) =>
    setSort((s) => ({
      key,
      direction: s.key === key ? (s.direction === 'asc' ? 'desc' : 'asc') : key === SortKey.Service ? 'asc' : 'desc',
    }));

  return (
    <div className={styles.page} data-testid={TEST_IDS.overview}>
      <div className={styles.toolbar}>
        <div>
          <Input
            data-testid={TEST_IDS.filter}
            aria-label="Filter services"
            placeholder="Filter services"
            width={30}
            value={filter}
            onChange={(e) => {
              setFilter(e.currentTarget.value);
              setPage(1);
            }}
          />
        </div>
        <span className={styles.secondary}>
          {rows.length} of {health.services.length} services
        </span>
      </div>
      <table className={styles.table} aria-label="Services">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                aria-sort={sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className={styles.sortButton} onClick={() => toggle(c.key)}>
                  {c.label}
                  {sort.key === c.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
            <th>Review</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((s) => (
            <ServiceRow key={s.service} s={s} location={location} />
          ))}
        </tbody>
      </table>
      {pages > 1 && <Pagination currentPage={current} numberOfPages={pages} onNavigate={setPage} />}
      <p className={styles.secondary}>
        Bands follow{' '}
        <a className={styles.link} href={DORA_SOURCE.url} target="_blank" rel="noreferrer">
          {DORA_SOURCE.title}
        </a>
        : deployment frequency elite daily or more, high weekly, medium monthly; lead time elite under a day, high under
        a week, medium under a month; change failure rate elite 5%, high 10%, medium 15%; time to restore elite under an
        hour, high under a day, medium under a week. A failed deploy is one the engine judged roll back or fix forward,
        or that was rolled back; rates are over all deploys.
      </p>
    </div>
  );
}
