import React, { useMemo } from 'react';
import { useStyles2 } from '@grafana/ui';

import { Verdict } from '../../engine';
import { AppRoute, TEST_IDS } from '../constants';
import { appUrl } from '../appUrl';
import { ReleaseHealth, ServiceHealth } from '../data/loadReleaseHealth';
import { doraBand } from '../dora/doraBand';
import { DoraKey, ServiceDeploy, ServiceKeys } from '../dora/types';
import { weeklyTrend } from '../dora/weeklyTrend';
import { BandLabel } from './BandLabel';
import { formatFrequency, formatMs, formatPercent, formatTime } from './format';
import { ImpactView } from './ImpactView';
import { leadTimeNote, metricNote } from './ServicesOverview';
import { getStyles } from './styles';
import { AppLocation } from './useAppLocation';

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
    parts.push(d.decisionTaken === Verdict.RollBack ? 'rolled back' : d.decisionTaken === Verdict.TurnOff ? 'flag turned off' : 'fixed forward');
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
        <span>{k.deploys} deploys</span>
        <BandLabel dora={DoraKey.DeploymentFrequency} band={doraBand(DoraKey.DeploymentFrequency, k)} />
      </div>
      <div className={styles.card}>
        <div className={styles.secondary}>Lead time for changes</div>
        <div className={styles.cardValue}>{formatMs(k.leadTimeMedianMs)}</div>
        {k.leadTimeMedianMs === null && <span className={styles.secondary}>{leadTimeNote(s)}</span>}
        <BandLabel dora={DoraKey.LeadTime} band={doraBand(DoraKey.LeadTime, k)} />
      </div>
      <div className={styles.card}>
        <div className={styles.secondary}>Change failure rate</div>
        <div className={styles.cardValue}>{k.changeFailureRate === null ? 'n/a' : formatPercent(k.changeFailureRate)}</div>
        <span>
          {k.failed} of {k.deploys} failed
        </span>
        <BandLabel dora={DoraKey.ChangeFailureRate} band={doraBand(DoraKey.ChangeFailureRate, k)} />
      </div>
      <div className={styles.card}>
        <div className={styles.secondary}>Time to restore (median / worst)</div>
        <div className={styles.cardValue}>{k.failed ? `${formatMs(k.timeToRestoreMedianMs)} / ${formatMs(k.timeToRestoreWorstMs)}` : 'No failures'}</div>
        <BandLabel dora={DoraKey.TimeToRestore} band={doraBand(DoraKey.TimeToRestore, k)} />
      </div>
    </div>
  );
}

/** The service's deploys, newest first, with verdict and what happened after. */
function DeploysTable({ service, deploys, byId }: { service: string; deploys: ServiceDeploy[]; byId: Map<string, ServiceDeploy> }) {
  const styles = useStyles2(getStyles);
  return (
    <table className={styles.table} aria-label={`Deploys of ${service}`}>
      <thead>
        <tr>
          <th>Time</th>
          <th>Version</th>
          <th>Change</th>
          <th>Verdict</th>
          <th>What happened</th>
        </tr>
      </thead>
      <tbody>
        {[...deploys].reverse().map((d) => (
          <tr key={d.id} id={`deploy-${d.id}`} data-testid={TEST_IDS.deployRow} data-failed={d.failed} data-version={d.version} data-restore-ms={d.timeToRestoreMs ?? ''}>
            <td>{formatTime(d.time)}</td>
            <td>
              {d.url ? (
                <a className={styles.link} href={d.url} target="_blank" rel="noreferrer">
                  {d.version || 'deploy'}
                </a>
              ) : (
                d.version
              )}
            </td>
            <td>
              {d.title}
              {d.kind === 'rollback' && <span className={styles.secondary}> (rollback)</span>}
            </td>
            <td>{d.verdict ? VERDICT_TEXT[d.verdict] : <span className={styles.secondary}>no verdict (no metric)</span>}</td>
            <td>{outcome(d, byId)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The keys week by week over the range. */
function TrendTable({ trend }: { trend: ReturnType<typeof weeklyTrend> }) {
  const styles = useStyles2(getStyles);
  return (
    <table className={styles.table} aria-label="Trend by week">
      <thead>
        <tr>
          <th>Week ending</th>
          <th>Deploys</th>
          <th>Lead time</th>
          <th>Change failure rate</th>
          <th>Time to restore (median)</th>
        </tr>
      </thead>
      <tbody>
        {trend.map((w) => (
          <tr key={w.to} data-testid={TEST_IDS.trendRow} data-deploys={w.keys.deploys} data-failed={w.keys.failed}>
            <td>{formatTime(w.to)}</td>
            <td>{w.keys.deploys}</td>
            <td>{formatMs(w.keys.leadTimeMedianMs)}</td>
            <td>{w.keys.changeFailureRate === null ? 'n/a' : formatPercent(w.keys.changeFailureRate)}</td>
            <td>{w.keys.failed ? formatMs(w.keys.timeToRestoreMedianMs) : 'No failures'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A service with no deploys in the range: says so and links back to the overview. */
function NoDeploys({ service, location }: { service: string; location: AppLocation }) {
  const styles = useStyles2(getStyles);
  return (
    <div data-testid={TEST_IDS.emptyState} role="status">
      <h3>No deploys of {service} in this range</h3>
      <p>
        Widen the range, or go back to the{' '}
        <a className={styles.link} href={appUrl(AppRoute.Services, undefined, location.raw)}>
          services overview
        </a>
        .
      </p>
    </div>
  );
}

/** One service over the range: its keys, the Deploy Impact view, its deploys and the weekly trend. */
export function ServiceDetail({ health, service, location }: { health: ReleaseHealth; service: string; location: AppLocation }) {
  const styles = useStyles2(getStyles);
  const s = health.services.find((x) => x.service === service);
  const byId = useMemo(() => new Map(health.services.flatMap((x) => x.deploys).map((d) => [d.id, d])), [health]);
  const trend = useMemo(() => (s ? weeklyTrend(s.deploys, health.range) : []), [s, health.range]);
  if (!s) {
    return <NoDeploys service={service} location={location} />;
  }
  const note = metricNote(s);
  return (
    <div className={styles.page} data-testid={TEST_IDS.detail} data-service={service}>
      <div className={styles.toolbar}>
        <a className={styles.link} href={appUrl(AppRoute.Services, undefined, location.raw)}>
          ← All services
        </a>
        <a className={styles.link} href={appUrl(AppRoute.Readiness, service, location.raw)}>
          Readiness review of {service}
        </a>
      </div>
      <h2 style={{ margin: 0 }}>{service}</h2>
      {note && <div role="status">{note}</div>}
      <KeyCards s={s} />
      <section className={styles.section}>
        <h3>Deploy Impact</h3>
        <ImpactView health={health} service={service} />
      </section>
      <section className={styles.section}>
        <h3>Deploys</h3>
        <DeploysTable service={service} deploys={s.deploys} byId={byId} />
      </section>
      <section className={styles.section}>
        <h3>Trend by week</h3>
        <TrendTable trend={trend} />
      </section>
    </div>
  );
}
