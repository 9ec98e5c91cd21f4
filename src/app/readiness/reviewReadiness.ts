import { median } from 'simple-statistics';

import { Verdict } from '../../engine';
import { changesText, FAILED_VERDICTS, formatMs, formatPercent, under } from '../../dora';
import { ServiceDeploy, ServiceKeys } from '../dora/types';
import { ReadinessThresholds } from '../types';
import {
  ItemStatus,
  MetricStatus,
  PagerLoad,
  ReadinessItem,
  ReadinessItemId,
  ReadinessReport,
  ReviewResult,
} from './types';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export interface ReadinessInput {
  service: string;
  range: { from: number; to: number };
  /** The service's deploys in the range, oldest first. */
  deploys: readonly ServiceDeploy[];
  keys: ServiceKeys;
  metric: MetricStatus;
  pager: PagerLoad;
  thresholds: ReadinessThresholds;
}

export const LAUNCH_ITEMS: readonly ReadinessItemId[] = [
  ReadinessItemId.Metric,
  ReadinessItemId.Deploys,
  ReadinessItemId.ChangeFailureRate,
  ReadinessItemId.TimeToRestore,
  ReadinessItemId.UnresolvedRollBack,
  ReadinessItemId.SmallBatches,
];
export const HANDOFF_ITEMS: readonly ReadinessItemId[] = [
  ...LAUNCH_ITEMS,
  ReadinessItemId.PagerLoad,
  ReadinessItemId.Warranty,
];

const deploysText = (n: number) => `${n} ${n === 1 ? 'deploy' : 'deploys'}`;
const label = (d: ServiceDeploy) => `${d.service} ${d.version || d.title}`;
/** Acted on: rolled back, fixed, or (a flag) turned off afterwards. */
const resolved = (d: ServiceDeploy) =>
  d.rolledBack || d.fixedBy !== null || d.decisionTaken !== null || (d.flag?.turnedOffAt ?? null) !== null;
/** Verdicts that ask for action: roll back, and turn off for a harmful flag change. */
const ACT_NOW = new Set<Verdict | null>([Verdict.RollBack, Verdict.TurnOff]);
/** The engine judged it a failed change (whether or not it was rolled back): the one rule's verdicts. */
const harmful = (d: ServiceDeploy) => FAILED_VERDICTS.has(d.verdict);


/** Without a reporting error metric the verdicts are missing, so rates built on them are too. */
function metricGap(metric: MetricStatus): string | null {
  switch (metric.state) {
    case 'reporting':
      return null;
    case 'missing':
      return 'no error metric is configured, so deploys have no verdicts';
    case 'empty':
      return 'the error metric returned no data, so deploys have no verdicts';
    case 'error':
      return `the error metric query failed (${metric.message}), so deploys have no verdicts`;
  }
}

/**
 * Rates built on verdicts say nothing when no change has one (the metric reports, but not
 * around any deploy): those items are unknown, never passed.
 */
function verdictGap(input: ReadinessInput): string | null {
  const metric = metricGap(input.metric);
  if (metric) {
    return metric;
  }
  const { keys } = input;
  return keys.changes > 0 && keys.judged === 0
    ? `none of ${changesText(keys)} has a verdict (judged 0 of ${keys.changes}): the error metric has no data around them`
    : null;
}

/** "judged 5 of 6": how many changes the verdict-based items rest on. */
const judgedText = (keys: ServiceKeys) => `judged ${keys.judged} of ${keys.changes}`;

function metricItem(metric: MetricStatus): ReadinessItem {
  const base = {
    id: ReadinessItemId.Metric,
    title: 'Error metric configured and reporting',
    threshold: 'a metric query returns data for the range',
    deploys: [],
  };
  switch (metric.state) {
    case 'reporting':
      return { ...base, status: ItemStatus.Pass, evidence: `${metric.series} series with data` };
    case 'missing':
      return {
        ...base,
        status: ItemStatus.Fail,
        evidence: 'No metric query for this service: set one (or the $service template) in the app configuration',
      };
    case 'empty':
      return { ...base, status: ItemStatus.Fail, evidence: 'The metric query returned no data in the range' };
    case 'error':
      // A failing query says nothing about whether the service reports: check it, then review again.
      return { ...base, status: ItemStatus.Unknown, evidence: `The metric query failed: ${metric.message}` };
  }
}

function rateItems(input: ReadinessInput): ReadinessItem[] {
  const { keys, thresholds: t, deploys } = input;
  const gap = verdictGap(input);
  const failed = deploys.filter((d) => d.failed);
  // The figures keep the side of the threshold they are judged by: 14.96% passes "under 15%", and must not read 15%.
  const rateCut = under([t.maxChangeFailureRate]);
  const percent = (share: number) => formatPercent(share, rateCut);
  const restoreCut = under([t.maxMedianTimeToRestoreMs]);
  const duration = (ms: number | null) => formatMs(ms, restoreCut);
  const cfr: ReadinessItem = {
    id: ReadinessItemId.ChangeFailureRate,
    title: 'Change failure rate',
    threshold: `under ${percent(t.maxChangeFailureRate)}`,
    deploys: failed,
    ...(keys.changeFailureRate === null
      ? { status: ItemStatus.Unknown, evidence: 'No deploys in the range' }
      : gap
        ? { status: ItemStatus.Unknown, evidence: `${failed.length} of ${changesText(keys)} rolled back; ${gap}` }
        : {
            status: rateStatus(keys, t.maxChangeFailureRate),
            evidence: `${percent(keys.changeFailureRate)}: ${failed.length} of ${changesText(keys)} failed${failed.length ? ` (${failed.map(label).join(', ')})` : ''}; ${judgedText(keys)}${rateStatus(keys, t.maxChangeFailureRate) === ItemStatus.Unknown ? `: up to ${percent(keys.changeFailureRateMax ?? 1)} if the ${keys.changes - keys.judged} without a verdict failed` : ''}`,
          }),
  };
  const slow = failed.filter((d) => d.timeToRestoreMs === null || d.timeToRestoreMs >= t.maxMedianTimeToRestoreMs);
  const ttr: ReadinessItem = {
    id: ReadinessItemId.TimeToRestore,
    title: 'Median time to restore',
    threshold: `under ${duration(t.maxMedianTimeToRestoreMs)}`,
    deploys: slow,
    ...(gap
      ? { status: ItemStatus.Unknown, evidence: gap }
      : keys.timeToRestoreMedianMs === null
        ? { status: ItemStatus.Pass, evidence: `No failed deploys to restore from; ${judgedText(keys)}` }
        : {
            status: restoreStatus(keys, t.maxMedianTimeToRestoreMs),
            evidence: `median ${duration(keys.timeToRestoreMedianMs)}, worst ${duration(keys.timeToRestoreWorstMs ?? 0)} over ${keys.failed} failed ${keys.failed === 1 ? 'change' : 'changes'}${keys.unrestored ? `, ${keys.unrestored} not restored by the end of the range (counted as the time since they failed${restoreStatus(keys, t.maxMedianTimeToRestoreMs) === ItemStatus.Unknown ? ', so the median may still pass the threshold' : ''})` : ''}; ${judgedText(keys)}`,
          }),
  };
  return [cfr, ttr];
}

/**
 * Change failure rate against its threshold. Changes without a verdict make the rate a lower
 * bound (up to changeFailureRateMax): over the threshold already fails; under it passes only
 * if they cannot carry it over, else it is not known.
 */
function rateStatus(keys: ServiceKeys, max: number): ItemStatus {
  if ((keys.changeFailureRate ?? 0) >= max) {
    return ItemStatus.Fail;
  }
  return (keys.changeFailureRateMax ?? keys.changeFailureRate ?? 1) < max ? ItemStatus.Pass : ItemStatus.Unknown;
}

/**
 * Median time to restore against its threshold. Open failures make the median a lower bound
 * (up to timeToRestoreMedianMaxMs, or unbounded): over the threshold already fails; under it
 * passes only if they cannot carry it over, else it is not known yet.
 */
function restoreStatus(keys: ServiceKeys, maxMs: number): ItemStatus {
  if ((keys.timeToRestoreMedianMs ?? 0) >= maxMs) {
    return ItemStatus.Fail;
  }
  const most = keys.unrestored ? keys.timeToRestoreMedianMaxMs : keys.timeToRestoreMedianMs;
  return most !== null && most < maxMs ? ItemStatus.Pass : ItemStatus.Unknown;
}

function unresolvedItem(input: ReadinessInput): ReadinessItem {
  const rollBacks = input.deploys.filter((d) => ACT_NOW.has(d.verdict));
  const open = rollBacks.filter((d) => !resolved(d));
  const gap = verdictGap(input);
  return {
    id: ReadinessItemId.UnresolvedRollBack,
    title: 'Every roll back verdict was acted on',
    threshold: 'each roll_back verdict followed by a rollback or a fix, each turn_off verdict by the flag turned off',
    deploys: open,
    status: gap ? ItemStatus.Unknown : open.length ? ItemStatus.Fail : ItemStatus.Pass,
    evidence: gap
      ? gap
      : open.length
        ? `${open.length} left without rollback, fix or turning the flag off: ${open.map(label).join(', ')}; ${judgedText(input.keys)}`
        : rollBacks.length
          ? `${rollBacks.length === 1 ? 'The roll back or turn off verdict was' : `${rollBacks.length} roll back or turn off verdicts, each`} acted on; ${judgedText(input.keys)}`
          : `No roll back or turn off verdicts; ${judgedText(input.keys)}`,
  };
}

function batchItem(input: ReadinessInput): ReadinessItem {
  const max = input.thresholds.maxMedianChangesPerDeploy;
  const counts = input.deploys.map((d) => d.changes).filter((c): c is number => c !== null);
  const base = {
    id: ReadinessItemId.SmallBatches,
    title: 'Small batches',
    threshold: `median merged changes per deploy at most ${max}`,
    deploys: [],
  };
  if (counts.length === 0) {
    return {
      ...base,
      status: ItemStatus.Unknown,
      evidence:
        'The event sources report no merged changes for this service (GitHub and GitLab deployments do when their pull or merge requests can be read; so do CDEvents change.merged events)',
    };
  }
  const m = median(counts);
  // A lower bound above the threshold still fails; one below it leaves the pass in doubt, so it is said.
  const partial = input.deploys.filter((d) => d.changes !== null && d.changesLowerBound).length;
  return {
    ...base,
    status: m <= max ? ItemStatus.Pass : ItemStatus.Fail,
    evidence: `median ${m} changes per deploy over ${counts.length} deploys${partial ? ` (${partial} deploy${partial === 1 ? '' : 's'} shipped more than could be read: counted as at least that many)` : ''}`,
  };
}

function pagerItem(input: ReadinessInput): ReadinessItem {
  const max = input.thresholds.maxPagesPerWeek;
  const base = {
    id: ReadinessItemId.PagerLoad,
    title: 'Pager load',
    threshold: `at most ${max} firing alerts per week`,
    deploys: [],
  };
  if (input.pager.state === 'unavailable') {
    return { ...base, status: ItemStatus.Unknown, evidence: input.pager.reason };
  }
  const weeks = Math.max(input.range.to - input.range.from, 1) / WEEK;
  const perWeek = input.pager.firing / weeks;
  const counted = `${input.pager.lowerBound ? 'at least ' : ''}${input.pager.firing} alerts fired in ${Math.round(weeks * 10) / 10} weeks (${Math.round(perWeek * 10) / 10} per week)`;
  // A lower bound over the threshold still fails; one under it leaves the pass in doubt.
  if (input.pager.lowerBound && perWeek <= max) {
    return {
      ...base,
      status: ItemStatus.Unknown,
      evidence: `${counted}; the state history returned its row limit, so more may have fired: narrow the range`,
    };
  }
  return { ...base, status: perWeek <= max ? ItemStatus.Pass : ItemStatus.Fail, evidence: counted };
}

function warrantyItem(input: ReadinessInput): ReadinessItem {
  const days = input.thresholds.warrantyDays;
  const start = input.range.to - days * DAY;
  const base = {
    id: ReadinessItemId.Warranty,
    title: 'Warranty period',
    threshold: `no harmful deploy left unresolved in the last ${days} days`,
  };
  if (start < input.range.from) {
    return {
      ...base,
      deploys: [],
      status: ItemStatus.Unknown,
      evidence: `The range is shorter than the ${days}-day warranty period: widen it`,
    };
  }
  const gap = verdictGap(input);
  if (gap) {
    return { ...base, deploys: [], status: ItemStatus.Unknown, evidence: gap };
  }
  const open = input.deploys.filter((d) => d.time >= start && harmful(d) && !resolved(d));
  return {
    ...base,
    deploys: open,
    status: open.length ? ItemStatus.Fail : ItemStatus.Pass,
    evidence: open.length
      ? `Unresolved: ${open.map(label).join(', ')}`
      : `${deploysText(input.deploys.filter((d) => d.time >= start).length)} in the period, none harmful and unresolved; ${judgedText(input.keys)}`,
  };
}

function review(items: ReadinessItem[], ids: readonly ReadinessItemId[]): ReviewResult {
  const chosen = items.filter((i) => ids.includes(i.id));
  const failing = chosen.filter((i) => i.status === ItemStatus.Fail).map((i) => i.id);
  const unknown = chosen.filter((i) => i.status === ItemStatus.Unknown).map((i) => i.id);
  return {
    status: failing.length ? ItemStatus.Fail : unknown.length ? ItemStatus.Unknown : ItemStatus.Pass,
    failing,
    unknown,
  };
}

/**
 * The launch and hand-off readiness checklist of one service, computed from its deploys,
 * their verdicts, its error metric and its pager load. Each item carries its evidence and
 * the threshold from the app settings; an item whose data is missing is `unknown`, never a
 * pass, and a review passes only when all its items pass. O(n log n).
 *
 * @example
 * reviewReadiness({ service: 'web', range, deploys, keys, metric, pager, thresholds }).launch.status // 'fail'
 */
export function reviewReadiness(input: ReadinessInput): ReadinessReport {
  const { thresholds: t, keys } = input;
  const items: ReadinessItem[] = [
    metricItem(input.metric),
    {
      id: ReadinessItemId.Deploys,
      title: 'Deploys in the range',
      threshold: `at least ${t.minDeploys}`,
      deploys: [],
      status: keys.deploys >= t.minDeploys ? ItemStatus.Pass : ItemStatus.Fail,
      evidence: deploysText(keys.deploys),
    },
    ...rateItems(input),
    unresolvedItem(input),
    batchItem(input),
    pagerItem(input),
    warrantyItem(input),
  ];
  return {
    service: input.service,
    range: input.range,
    items,
    launch: review(items, LAUNCH_ITEMS),
    handoff: review(items, HANDOFF_ITEMS),
  };
}
