import React, { useMemo, useState } from 'react';
import { Button, Text, TextLink, useStyles2, useTheme2 } from '@grafana/ui';
import { config } from '@grafana/runtime';

import { AppRoute, PAGE_SIZE, TEST_IDS } from '../constants';
import { absoluteAppUrl, appUrl, deployAnchor } from '../appUrl';
import { pagerLoadOf, ReleaseHealth, ServiceHealth } from '../data/loadReleaseHealth';
import { reviewReadiness } from '../readiness/reviewReadiness';
import { toMarkdown } from '../readiness/toMarkdown';
import { ItemStatus, ReadinessReport, ReviewResult } from '../readiness/types';
import { AppSettings } from '../types';
import { AppColumn, AppTable } from './AppTable';
import { EmptyState } from './EmptyState';
import { formatTime } from './format';
import { useTableOrder } from './useTableOrder';
import { useTimeZone } from './useTimeZone';
import { ServiceFilter, matchesFilter, useServiceFilter } from './ServiceFilter';
import { getStyles, statusColor } from './styles';
import { tableSort } from './tableSort';
import { AppLocation } from './useAppLocation';

const STATUS_LABEL: Record<ItemStatus, string> = {
  [ItemStatus.Pass]: 'Pass',
  [ItemStatus.Fail]: 'Fail',
  [ItemStatus.Unknown]: 'Unknown',
};

function report(health: ReleaseHealth, s: ServiceHealth, settings: AppSettings): ReadinessReport {
  return reviewReadiness({
    service: s.service,
    range: health.range,
    deploys: s.deploys,
    keys: s.keys,
    metric: s.metric,
    pager: pagerLoadOf(health, s.service),
    thresholds: settings.thresholds,
  });
}

function Status({ status }: { status: ItemStatus }) {
  const theme = useTheme2();
  return (
    <strong style={{ color: statusColor(theme, status) }} data-status={status}>
      {STATUS_LABEL[status]}
    </strong>
  );
}

function ReviewLine({ name, result, report: r }: { name: string; result: ReviewResult; report: ReadinessReport }) {
  const title = (id: string) => r.items.find((i) => i.id === id)?.title ?? id;
  return (
    <div data-testid={TEST_IDS.review} data-review={name} data-status={result.status}>
      <Status status={result.status} /> {name}
      {result.failing.length > 0 && <> · fails on: {result.failing.map(title).join(', ')}</>}
      {result.unknown.length > 0 && <> · cannot tell: {result.unknown.map(title).join(', ')}</>}
    </div>
  );
}

/** Saves the review as a Markdown file for the review meeting. */
function download(markdown: string, service: string) {
  const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `readiness-${service.replace(/[^\w.-]+/g, '_')}.md`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function ServiceReview({
  health,
  s,
  settings,
  location,
}: {
  health: ReleaseHealth;
  s: ServiceHealth;
  settings: AppSettings;
  location: AppLocation;
}) {
  const styles = useStyles2(getStyles);
  const timeZone = useTimeZone();
  const r = useMemo(() => report(health, s, settings), [health, s, settings]);
  const [shown, setShown] = useState(false);
  const deployLink = (id: string) => appUrl(AppRoute.Services, s.service, location.raw, deployAnchor(id));
  // The export is read elsewhere and later: its links carry Grafana's sub path and the review's own dates.
  const markdown = useMemo(() => {
    const dates = { from: String(r.range.from), to: String(r.range.to) };
    return toMarkdown(r, (id) =>
      absoluteAppUrl(window.location.origin, config.appSubUrl, appUrl(AppRoute.Services, s.service, dates, deployAnchor(id)))
    );
  }, [r, s.service]);
  return (
    <div className={styles.page} data-testid={TEST_IDS.readiness} data-service={s.service}>
      <div className={styles.toolbar}>
        <TextLink href={appUrl(AppRoute.Readiness, undefined, location.raw)} icon="arrow-left">
          All services
        </TextLink>
        <TextLink href={appUrl(AppRoute.Services, s.service, location.raw)}>{`Deploys of ${s.service}`}</TextLink>
      </div>
      <Text element="h2">{`Readiness review: ${s.service}`}</Text>
      <ReviewLine name="Launch readiness" result={r.launch} report={r} />
      <ReviewLine name="Hand-off readiness" result={r.handoff} report={r} />
      <table className={styles.table} aria-label="Readiness checklist">
        <thead>
          <tr>
            <th>Item</th>
            <th>Status</th>
            <th>Evidence</th>
            <th>Threshold</th>
          </tr>
        </thead>
        <tbody>
          {r.items.map((item) => (
            <tr key={item.id} data-testid={TEST_IDS.readinessItem} data-item={item.id} data-status={item.status}>
              <td>{item.title}</td>
              <td>
                <Status status={item.status} />
              </td>
              <td>
                {item.evidence}
                {item.status !== ItemStatus.Pass && item.deploys.length > 0 && (
                  <ul>
                    {item.deploys.map((d) => (
                      <li key={d.id}>
                        <TextLink
                          href={deployLink(d.id)}
                        >{`${d.service} ${d.version || d.title} at ${formatTime(d.time, timeZone)}`}</TextLink>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{item.threshold}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={styles.toolbar}>
        <Button data-testid={TEST_IDS.exportMarkdown} icon="download-alt" onClick={() => download(markdown, s.service)}>
          Export as Markdown
        </Button>
        <Button variant="secondary" onClick={() => setShown(!shown)} aria-expanded={shown}>
          {shown ? 'Hide Markdown' : 'Show Markdown'}
        </Button>
      </div>
      {shown && (
        <pre className={styles.markdown} data-testid={TEST_IDS.markdown}>
          {markdown}
        </pre>
      )}
      <p className={styles.secondary}>
        Thresholds are app settings (app configuration). An item whose data is missing is unknown and never counts as
        passed.
      </p>
    </div>
  );
}

/** Failing first, then unknown, then passing. */
const STATUS_ORDER = [ItemStatus.Fail, ItemStatus.Unknown, ItemStatus.Pass];
const SERVICE_ORDER = { id: 'service', desc: false };

function byStatus(pick: (r: ReadinessReport) => ItemStatus) {
  return (direction: 'asc' | 'desc') => (a: ReadinessReport, b: ReadinessReport) =>
    (direction === 'asc' ? 1 : -1) * (STATUS_ORDER.indexOf(pick(a)) - STATUS_ORDER.indexOf(pick(b))) ||
    a.service.localeCompare(b.service);
}

type ReportOrder = (direction: 'asc' | 'desc') => (a: ReadinessReport, b: ReadinessReport) => number;

/** The readiness overview's orders by column: the page sorts its rows by the one in the address, and the table's headers choose it. */
const REPORT_ORDER: Record<string, ReportOrder> = {
  service: (direction) => (a, b) => (direction === 'asc' ? 1 : -1) * a.service.localeCompare(b.service),
  launch: byStatus((r) => r.launch.status),
  handoff: byStatus((r) => r.handoff.status),
};
const REPORT_SORT_KEYS = Object.keys(REPORT_ORDER);

function readinessColumns(location: AppLocation): Array<AppColumn<ReadinessReport>> {
  return [
    {
      id: 'service',
      header: 'Service',
      sortType: tableSort(REPORT_ORDER.service),
      // Carries the row's test id: InteractiveTable puts none on rows.
      cell: ({ row: { original: r } }) => (
        <div data-testid={TEST_IDS.serviceRow} data-service={r.service}>
          <TextLink href={appUrl(AppRoute.Readiness, r.service, location.raw)} inline={false}>
            {r.service}
          </TextLink>
        </div>
      ),
    },
    {
      id: 'launch',
      header: 'Launch readiness',
      sortType: tableSort(REPORT_ORDER.launch),
      cell: ({ row }) => <Status status={row.original.launch.status} />,
    },
    {
      id: 'handoff',
      header: 'Hand-off readiness',
      sortType: tableSort(REPORT_ORDER.handoff),
      cell: ({ row }) => <Status status={row.original.handoff.status} />,
    },
  ];
}

/** The readiness of every service at a glance, or one service's checklist. */
export function ReadinessReview({
  health,
  service,
  settings,
  location,
}: {
  health: ReleaseHealth;
  service: string | null;
  settings: AppSettings;
  location: AppLocation;
}) {
  const styles = useStyles2(getStyles);
  // In the services' order (by name): the table's default.
  const reports = useMemo(
    () => (service === null ? health.services.map((s) => report(health, s, settings)) : []),
    [health, service, settings]
  );
  const [filter, setFilter] = useServiceFilter(location);
  const [order, setOrder] = useTableOrder(location, REPORT_SORT_KEYS, SERVICE_ORDER);
  // In the address's order, sorted here: Grafana 10.4's table has no initial sort of its own.
  const shown = useMemo(
    () => reports.filter((r) => matchesFilter(r.service, filter)).sort(REPORT_ORDER[order.id](order.desc ? 'desc' : 'asc')),
    [reports, filter, order]
  );
  const columns = useMemo(() => readinessColumns(location), [location]);
  if (service !== null) {
    const s = health.services.find((x) => x.service === service);
    if (!s) {
      return (
        <EmptyState
          title={`No deploys of ${service} in this range`}
          failedTitle={`Deploys of ${service} could not be read`}
          notices={health.notices}
        >
          A readiness review needs the service&apos;s deploys: widen the range or check the event sources.
        </EmptyState>
      );
    }
    return <ServiceReview health={health} s={s} settings={settings} location={location} />;
  }
  if (reports.length === 0) {
    return (
      <EmptyState title="No deploys in this range" failedTitle="Deploys could not be read" notices={health.notices}>
        Widen the range, or check the event sources in the app configuration.
      </EmptyState>
    );
  }
  return (
    <div className={styles.page} data-testid={TEST_IDS.readiness}>
      <ServiceFilter filter={filter} onChange={setFilter} shown={shown.length} total={reports.length} />
      <AppTable
        label="Readiness by service"
        columns={columns}
        data={shown}
        getRowId={(r) => r.service}
        initialSort={order}
        onSort={setOrder}
        pageSize={PAGE_SIZE}
      />
    </div>
  );
}
