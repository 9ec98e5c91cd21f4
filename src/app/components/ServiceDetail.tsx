import React, { useEffect, useMemo } from 'react';
import { Text, TextLink, useStyles2 } from '@grafana/ui';

import { Verdict } from '../../engine';
import { EventKind, FLAG_OFF } from '../../events/types';
import { AppRoute, TEST_IDS } from '../constants';
import { anchorOf, appUrl, deployAnchor } from '../appUrl';
import { ReleaseHealth, ServiceHealth } from '../data/loadReleaseHealth';
import { doraBand, judgedBandText, unrestoredText } from '../dora/doraBand';
import { DORA_KEY_NAME } from '../dora/doraKeyName';
import { changesText, keyCells, noneJudged } from '../../dora';
import { DoraKey, ServiceDeploy, ServiceKeys } from '../dora/types';
import { weeklyTrend } from '../dora/weeklyTrend';
import { AppColumn, AppTable } from './AppTable';
import { BandLabel } from './BandLabel';
import { EmptyState } from './EmptyState';
import { formatDeploys, formatFrequency, formatMs, formatPercent, formatTime } from './format';
import { ImpactView } from './ImpactView';
import { leadTimeNote, metricNote } from './ServicesOverview';
import { getStyles } from './styles';
import { tableSort } from './tableSort';
import { AppLocation } from './useAppLocation';
import { useTimeZone } from './useTimeZone';

const VERDICT_TEXT: Record<Verdict, string> = {
  [Verdict.Healthy]: 'Healthy',
  [Verdict.Watch]: 'Watch',
  [Verdict.FixForward]: 'Fix forward',
  [Verdict.RollBack]: 'Roll back',
  [Verdict.InsufficientData]: 'Not enough data',
  [Verdict.TurnOff]: 'Turn flag off',
  [Verdict.NotScored]: 'Not scored',
};

function outcome(d: ServiceDeploy, byId: Map<string, ServiceDeploy>): string {
  const fixer = d.fixedBy ? byId.get(d.fixedBy) : undefined;
  const parts = [];
  if (d.rolledBack) {
    parts.push('rolled back');
  }
  if (fixer) {
    parts.push(`restored by ${fixer.service} ${fixer.version || fixer.title}`);
  } else if (d.decisionTaken) {
    parts.push(
      d.decisionTaken === Verdict.RollBack
        ? 'rolled back'
        : d.decisionTaken === Verdict.TurnOff
          ? 'flag turned off'
          : 'fixed forward'
    );
  } else if (d.flag?.turnedOffAt != null && d.flag.toState !== FLAG_OFF) {
    parts.push(`flag turned off ${formatMs(d.flag.turnedOffAt - d.time)} later`);
  }
  if (d.timeToRestoreMs !== null) {
    parts.push(`after ${formatMs(d.timeToRestoreMs)}`);
  }
  return Array.from(new Set(parts)).join(', ');
}

/** The four keys of the service over the range, each with its DORA band. */
function KeyCards({ s }: { s: ServiceHealth }) {
  const styles = useStyles2(getStyles);
  const k: ServiceKeys = s.keys;
  return (
    <div className={styles.cards}>
      <div className={styles.card}>
        <div className={styles.secondary}>Deployment frequency</div>
        <div className={styles.cardValue}>{k.deploys ? formatFrequency(k.deploysPerDay) : 'No deploys'}</div>
        <span>{formatDeploys(k.deploys)}</span>
        <BandLabel dora={DoraKey.DeploymentFrequency} band={doraBand(DoraKey.DeploymentFrequency, k)} />
      </div>
      <div className={styles.card}>
        <div className={styles.secondary}>{DORA_KEY_NAME[DoraKey.LeadTime]}</div>
        <div className={styles.cardValue}>{formatMs(k.leadTimeMedianMs)}</div>
        {k.leadTimeMedianMs === null && <span className={styles.secondary}>{leadTimeNote(s)}</span>}
        <BandLabel dora={DoraKey.LeadTime} band={doraBand(DoraKey.LeadTime, k)} />
      </div>
      <div className={styles.card}>
        <div className={styles.secondary}>Change failure rate</div>
        <div className={styles.cardValue}>
          {k.changeFailureRate === null ? 'n/a' : noneJudged(k) ? 'Unknown' : formatPercent(k.changeFailureRate)}
        </div>
        <span data-changes={k.changes}>
          {k.failed} of {changesText(k)} failed
          {k.failedFlagChanges > 0 && `, ${k.failedFlagChanges} of them flag changes the engine said to turn off`}
          {k.changes > 0 && `; ${judgedBandText(k)}`}
        </span>
        <BandLabel dora={DoraKey.ChangeFailureRate} band={doraBand(DoraKey.ChangeFailureRate, k)} />
      </div>
      <div className={styles.card}>
        <div className={styles.secondary}>Time to restore (median / worst)</div>
        <div className={styles.cardValue}>
          {noneJudged(k)
            ? 'Unknown'
            : k.failed
              ? `${formatMs(k.timeToRestoreMedianMs)} / ${formatMs(k.timeToRestoreWorstMs)}`
              : 'No failures'}
        </div>
        {k.unrestored > 0 && <span className={styles.secondary}>{unrestoredText(k)}</span>}
        <BandLabel dora={DoraKey.TimeToRestore} band={doraBand(DoraKey.TimeToRestore, k)} />
      </div>
    </div>
  );
}

/** Verdicts from the one that asks most to the one that asks least, for sorting the list; no verdict last. */
const VERDICT_ORDER: Array<Verdict | null> = [
  Verdict.RollBack,
  Verdict.TurnOff,
  Verdict.FixForward,
  Verdict.Watch,
  Verdict.Healthy,
  Verdict.InsufficientData,
  Verdict.NotScored,
  null,
];

const byTime = (direction: 'asc' | 'desc') => (a: ServiceDeploy, b: ServiceDeploy) =>
  (direction === 'asc' ? 1 : -1) * (a.time - b.time);
/** Ascending puts the most urgent verdict first; ties newest first in both directions. */
const byVerdict = (direction: 'asc' | 'desc') => (a: ServiceDeploy, b: ServiceDeploy) =>
  (direction === 'asc' ? 1 : -1) * (VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict)) ||
  b.time - a.time;

/** The list's default order, newest first: the order its rows arrive in. */
const NEWEST_FIRST = { id: 'time', desc: true };

/** What the change was: a deploy's version (linked when the CI says where), or the flag it changed. */
function VersionCell({ d }: { d: ServiceDeploy }) {
  if (d.flag) {
    return <span>{d.flag.key}</span>;
  }
  return d.url ? (
    <TextLink href={d.url} external>
      {d.version || 'deploy'}
    </TextLink>
  ) : (
    <span>{d.version}</span>
  );
}

/** `target`: the element id a link to one deploy names; that deploy's time is marked as the one linked. */
function deployColumns(
  byId: Map<string, ServiceDeploy>,
  styles: { secondary: string; linked: string },
  target: string | null,
  timeZone: string
): Array<AppColumn<ServiceDeploy>> {
  const { secondary } = styles;
  return [
    {
      id: 'time',
      header: 'Time',
      sortType: tableSort(byTime),
      sortDescFirst: true,
      // The anchor the readiness review links each deploy by, and the row's test id (InteractiveTable puts none on rows).
      cell: ({ row: { original: d } }) => (
        <div
          id={deployAnchor(d.id)}
          // Focusable (not in the tab order) so a link to the deploy can move focus to its row;
          // marked too, since focus moved by the page shows no ring after a mouse click.
          tabIndex={-1}
          aria-current={deployAnchor(d.id) === target ? 'true' : undefined}
          className={deployAnchor(d.id) === target ? styles.linked : undefined}
          data-testid={TEST_IDS.deployRow}
          data-kind={d.kind}
          data-failed={d.failed}
          data-version={d.version}
          data-restore-ms={d.timeToRestoreMs ?? ''}
        >
          {formatTime(d.time, timeZone)}
        </div>
      ),
    },
    { id: 'version', header: 'Version or flag', cell: ({ row }) => <VersionCell d={row.original} /> },
    {
      id: 'title',
      header: 'Change',
      cell: ({ row: { original: d } }) => (
        <>
          {d.title}
          {d.kind === EventKind.Rollback && <span className={secondary}> (rollback)</span>}
          {d.kind === EventKind.Flag && <span className={secondary}> (feature flag)</span>}
        </>
      ),
    },
    {
      id: 'verdict',
      header: 'Verdict',
      sortType: tableSort(byVerdict),
      cell: ({ row: { original: d } }) =>
        d.verdict ? VERDICT_TEXT[d.verdict] : <span className={secondary}>no verdict (no metric)</span>,
    },
    { id: 'outcome', header: 'What happened', cell: ({ row }) => outcome(row.original, byId) },
  ];
}

/** The service's deploys and flag changes, newest first, with verdict and what happened after; sortable by time and verdict. */
function DeploysTable({
  service,
  deploys,
  byId,
  target,
}: {
  service: string;
  deploys: ServiceDeploy[];
  byId: Map<string, ServiceDeploy>;
  target: string | null;
}) {
  const styles = useStyles2(getStyles);
  const rows = useMemo(() => [...deploys].reverse(), [deploys]);
  const timeZone = useTimeZone();
  const columns = useMemo(() => deployColumns(byId, styles, target, timeZone), [byId, styles, target, timeZone]);
  // Every row on one page: the readiness review links to any of them by anchor.
  return (
    <AppTable
      label={`Deploys and flag changes of ${service}`}
      columns={columns}
      data={rows}
      getRowId={(d) => d.id}
      initialSort={NEWEST_FIRST}
    />
  );
}

/** The keys week by week over the range. */
function TrendTable({ trend }: { trend: ReturnType<typeof weeklyTrend> }) {
  const styles = useStyles2(getStyles);
  const timeZone = useTimeZone();
  return (
    <table className={styles.table} aria-label="Trend by week">
      <thead>
        <tr>
          <th>Week ending</th>
          <th>Deploys</th>
          <th>Lead time (merge to deploy)</th>
          <th>Change failure rate</th>
          <th>Time to restore (median)</th>
        </tr>
      </thead>
      <tbody>
        {trend.map((w) => {
          const cells = keyCells(w.keys);
          return (
            <tr key={w.to} data-testid={TEST_IDS.trendRow} data-deploys={w.keys.deploys} data-failed={w.keys.failed}>
              <td>{formatTime(w.to, timeZone)}</td>
              <td>{w.keys.deploys}</td>
              <td>{formatMs(w.keys.leadTimeMedianMs)}</td>
              <td>{cells.changeFailureRate}</td>
              <td>{cells.timeToRestore}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * A service with no deploys in the range: says so and links back to the overview, or, when
 * reading the event sources failed, that its deploys could not be read and why.
 */
function NoDeploys({ health, service, location }: { health: ReleaseHealth; service: string; location: AppLocation }) {
  return (
    <EmptyState
      title={`No deploys of ${service} in this range`}
      failedTitle={`Deploys of ${service} could not be read`}
      notices={health.notices}
    >
      Widen the range, or go back to the{' '}
      <TextLink href={appUrl(AppRoute.Services, undefined, location.raw)}>services overview</TextLink>.
    </EmptyState>
  );
}

/** One service over the range: its keys, the Deploy Impact view, its deploys and the weekly trend. */
export function ServiceDetail({
  health,
  service,
  location,
}: {
  health: ReleaseHealth;
  service: string;
  location: AppLocation;
}) {
  const styles = useStyles2(getStyles);
  const s = health.services.find((x) => x.service === service);
  const byId = useMemo(() => new Map(health.services.flatMap((x) => x.deploys).map((d) => [d.id, d])), [health]);
  const trend = useMemo(() => (s ? weeklyTrend(s.deploys, health.range) : []), [s, health.range]);
  // A link to one deploy (the readiness review's, the Markdown export's) names its row by
  // fragment; the row is rendered after the data arrives and links followed inside the app
  // never scroll, so the page goes to it and moves focus there itself.
  const target = anchorOf(location.hash);
  useEffect(() => {
    const row = target ? document.getElementById(target) : null;
    if (row) {
      row.scrollIntoView({ block: 'center' });
      row.focus({ preventScroll: true });
    }
  }, [target, s]);
  if (!s) {
    return <NoDeploys health={health} service={service} location={location} />;
  }
  const note = metricNote(s);
  return (
    <div className={styles.page} data-testid={TEST_IDS.detail} data-service={service}>
      <div className={styles.toolbar}>
        <TextLink href={appUrl(AppRoute.Services, undefined, location.raw)} icon="arrow-left">
          All services
        </TextLink>
        <TextLink href={appUrl(AppRoute.Readiness, service, location.raw)}>{`Readiness review of ${service}`}</TextLink>
      </div>
      <Text element="h2">{service}</Text>
      {note && <div role="status">{note}</div>}
      <KeyCards s={s} />
      <section className={styles.section}>
        <Text element="h3">Deploy Impact</Text>
        <ImpactView health={health} service={service} />
      </section>
      <section className={styles.section}>
        <Text element="h3">Deploys and flag changes</Text>
        <DeploysTable service={service} deploys={s.deploys} byId={byId} target={target} />
      </section>
      <section className={styles.section}>
        <Text element="h3">Trend by week</Text>
        <TrendTable trend={trend} />
      </section>
    </div>
  );
}
