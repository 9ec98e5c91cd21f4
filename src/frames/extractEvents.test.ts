import { FieldType, toDataFrame } from '@grafana/data';

import { eventsToFrame } from '../datasource/eventsToFrame';
import { buildChanges, computeKeys } from '../dora';
import { EVENT_FRAME_FIELDS } from '../events/frameFields';
import { makeEvent } from '../events/normalize';
import { readFixture } from '../events/testing/fixtures';
import { EventKind, EventSource, EventStatus } from '../events/types';
import { extractEvents } from './extractEvents';
import { extractSeries } from './extractSeries';

const deploy = makeEvent({
  time: Date.UTC(2026, 0, 5, 10),
  timeEnd: Date.UTC(2026, 0, 5, 10, 5),
  id: 'github:deployment:shop/web:1',
  source: EventSource.GitHub,
  kind: EventKind.Rollback,
  status: EventStatus.Success,
  service: 'web',
  environment: 'production',
  version: 'v1',
  title: 'Deploy v1 to production',
  url: 'https://ci.example.com/run/1',
});

describe('extractEvents', () => {
  it('reads a SafeDeploy Events frame with every field', () => {
    const [event] = extractEvents([eventsToFrame([deploy], 'E')]);
    expect(event).toStrictEqual({
      id: 'github:deployment:shop/web:1',
      time: deploy.time,
      timeEnd: deploy.timeEnd,
      title: 'Deploy v1 to production',
      text: '',
      kind: EventKind.Rollback,
      status: 'success',
      service: 'web',
      environment: 'production',
      version: 'v1',
      commit: '',
      author: '',
      url: 'https://ci.example.com/run/1',
      source: 'github',
      tags: [],
      flagKey: '',
      fromState: '',
      toState: '',
      refId: 'E',
    });
  });

  it('names the query that read an event, and none for an annotation, which no panel query read', () => {
    const [fromQuery] = extractEvents([eventsToFrame([deploy], 'US')]);
    const [fromAnnotation] = extractEvents([], [eventsToFrame([deploy], 'Anno')]);
    expect([fromQuery.refId, fromAnnotation.refId]).toStrictEqual(['US', undefined]);
  });

  it('writes exactly the declared fields, in their order, and reads every one of them back', () => {
    // CONSTRUCTED: an event with every optional field set, so each declared field carries a value.
    const full = {
      ...deploy,
      commit: 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d',
      author: 'octocat',
      text: 'Deployed by octocat',
      tags: ['deploy', 'service:web'],
      flagKey: 'new-search',
      fromState: 'off',
      toState: 'on',
      gateVerdict: 'roll_back',
      mergedChanges: 2,
      mergeTimes: [deploy.time - 3_600_000, deploy.time - 600_000],
      mergedChangesLowerBound: true,
    };
    const frame = eventsToFrame([full], 'E');
    expect(frame.fields.map((f) => f.name)).toStrictEqual(EVENT_FRAME_FIELDS.map((f) => f.name));
    const [event] = extractEvents([frame]);
    // Every field of the event model the frame carries comes back as written (color is derived from status).
    for (const { name } of EVENT_FRAME_FIELDS.filter((f) => f.name !== 'color')) {
      expect([name, (event as unknown as Record<string, unknown>)[name]]).toStrictEqual([name, (full as Record<string, unknown>)[name]]);
    }
  });

  it('reads a flag change with its key and states, from fields or from a flag: tag', () => {
    const flag = makeEvent({ ...deploy, id: 'unleash:42', source: EventSource.Unleash, kind: EventKind.Flag, flagKey: 'new-search', fromState: 'off', toState: 'on' });
    expect(extractEvents([eventsToFrame([flag], 'E')])[0]).toMatchObject({ kind: EventKind.Flag, flagKey: 'new-search', fromState: 'off', toState: 'on' });
    const annotation = toDataFrame([{ time: deploy.time, title: 'Flag on', tags: ['flag', 'flag:dark-mode'] }]);
    expect(extractEvents([], [annotation])[0]).toMatchObject({ kind: EventKind.Flag, flagKey: 'dark-mode', toState: '' });
  });

  it('reads the changes a deploy shipped, and leaves them out where the provider did not say', () => {
    const shipped = makeEvent({ ...deploy, id: 'gitlab:deployment:shop/web:7', mergedChanges: 3, mergeTimes: [deploy.time - 3_600_000, deploy.time - 600_000], mergedChangesLowerBound: true });
    const [withChanges, without] = extractEvents([eventsToFrame([shipped, { ...deploy, time: deploy.time + 1 }], 'E')]);
    expect(withChanges).toMatchObject({ mergedChanges: 3, mergeTimes: [deploy.time - 3_600_000, deploy.time - 600_000], mergedChangesLowerBound: true });
    expect([without.mergedChanges, without.mergeTimes, without.mergedChangesLowerBound]).toStrictEqual([undefined, undefined, undefined]);
    // a table-shaped frame, as a saved query result or another data source gives it
    const table = toDataFrame([{ time: deploy.time, title: 'Deploy', mergedChanges: '2', mergeTimes: '[1767600000000,1767603600000]', mergedChangesLowerBound: 'false' }]);
    expect(extractEvents([table])[0]).toMatchObject({ mergedChanges: 2, mergeTimes: [1767600000000, 1767603600000], mergedChangesLowerBound: false });
  });

  it("reads Grafana's annotations, taking kind and service from tags", () => {
    const rows = readFixture('grafana/annotations_find.json') as Array<Record<string, unknown>>;
    const frame = toDataFrame(rows.map((r) => ({ ...r, tags: ['deploy', 'service:api'], title: 'Annotation' })));
    const events = extractEvents([], [frame]);
    expect(events.map((e) => e.time)).toStrictEqual(rows.map((r) => r.time as number).sort((a, b) => a - b));
    expect(events[0].kind).toBe(EventKind.Deploy);
    expect(events[0].service).toBe('api');
  });

  describe("annotations that are not changes (Grafana's built-in \"Annotations & Alerts\" layer)", () => {
    // CONSTRUCTED, in the shape of the frame Grafana builds from the built-in layer
    // (AnnotationEvent fields: id, time, timeEnd, text, tags, alertId, newState, type).
    const T = Date.UTC(2026, 0, 5, 10);
    const builtIn = (rows: Array<{ text: string; tags?: string[]; alertId?: number; newState?: string }>) =>
      toDataFrame({
        fields: [
          { name: 'id', type: FieldType.number, values: rows.map((_, i) => 100 + i) },
          { name: 'time', type: FieldType.time, values: rows.map((_, i) => T + i * 60_000) },
          { name: 'timeEnd', type: FieldType.time, values: rows.map((_, i) => T + i * 60_000) },
          { name: 'text', type: FieldType.string, values: rows.map((r) => r.text) },
          { name: 'tags', type: FieldType.other, values: rows.map((r) => r.tags ?? []) },
          { name: 'alertId', type: FieldType.number, values: rows.map((r) => r.alertId ?? 0) },
          { name: 'newState', type: FieldType.string, values: rows.map((r) => r.newState ?? '') },
          { name: 'type', type: FieldType.string, values: rows.map(() => 'Annotations & Alerts') },
        ],
      });

    it('leaves out a note that names no kind, and an alert state change other than firing', () => {
      const frame = builtIn([
        { text: 'Investigating checkout latency' },
        { text: 'OK', alertId: 7, newState: 'ok' },
        { text: 'Pending', alertId: 7, newState: 'pending', tags: ['deploy'] },
      ]);
      expect(extractEvents([], [frame])).toStrictEqual([]);
    });

    it('draws a firing alert as an incident, which is never scored, and never as a deploy', () => {
      const [alert] = extractEvents([], [builtIn([{ text: 'Alerting', alertId: 7, newState: 'Alerting' }])]);
      expect(alert.kind).toBe(EventKind.Incident);
    });

    it('reads a note tagged with its kind, and a release gate verdict, as the change they record', () => {
      const frame = builtIn([
        { text: 'Raised DB pool to 80', tags: ['config', 'service:checkout'] },
        { text: 'SafeDeploy gate: roll_back', tags: ['safedeploy', 'service:search', 'verdict:roll_back'] },
      ]);
      expect(extractEvents([], [frame]).map((e) => [e.kind, e.service])).toStrictEqual([
        [EventKind.Config, 'checkout'],
        [EventKind.Deploy, 'search'],
      ]);
    });

    it('counts no deploy for the DORA keys from notes and alerts', () => {
      const frame = builtIn([{ text: 'Investigating checkout latency' }, { text: 'Alerting', alertId: 7, newState: 'alerting' }]);
      const keys = computeKeys(buildChanges(extractEvents([], [frame]), new Map()), { from: T - 3_600_000, to: T + 3_600_000 });
      expect(keys.deploys).toBe(0);
    });

    it("keeps a query's rows deploys when they name no kind: a query of ours reads only changes", () => {
      const table = toDataFrame([{ time: T, title: 'Deploy v2' }]);
      expect(extractEvents([table])[0].kind).toBe(EventKind.Deploy);
    });
  });

  it('keeps annotations without an id apart when they differ in service, environment or tags', () => {
    // CONSTRUCTED, in the shape of a Prometheus annotation query (no id field): one pipeline
    // deploying two services in the same second with the same text.
    const T = Date.UTC(2026, 0, 5, 10);
    const frame = toDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [T, T, T, T] },
        { name: 'text', type: FieldType.string, values: Array(4).fill('Deployed release 2026.01.05') },
        {
          name: 'tags',
          type: FieldType.other,
          values: [['deploy', 'service:checkout'], ['deploy', 'service:search'], ['deploy', 'service:search', 'env:staging'], ['deploy', 'service:search', 'env:staging']],
        },
      ],
    });
    expect(extractEvents([], [frame]).map((e) => [e.service, e.environment])).toStrictEqual([
      ['checkout', ''],
      ['search', ''],
      ['search', 'staging'],
    ]);
  });

  it('keeps one event when it arrives as a query frame and as an annotation', () => {
    const frame = eventsToFrame([deploy], 'E');
    expect(extractEvents([frame], [frame])).toHaveLength(1);
  });

  it('keeps script out: javascript: links are dropped and markup stays text', () => {
    const frame = toDataFrame([{ time: 1_700_000_000_000, title: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)' }]);
    const [event] = extractEvents([frame]);
    expect(event.url).toBeNull();
    expect(event.title).toBe('<img src=x onerror=alert(1)>');
  });

  it('reads a time given as text as the providers do: ISO without a zone is UTC, other text must name its zone', () => {
    // CONSTRUCTED: a table data source (CSV content, JSON API) whose time column is text.
    // Date.parse read 'Jan 5 2026 12:00' in the viewer's zone: the event stood at a different
    // time for each viewer. The same text in other zones: eventsCommand.test.ts runs the reading under New York and Kolkata time.
    const frame = toDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: ['2026-01-05T10:00:00', '2026-01-05 11:00:00+01:00', 'Jan 5 2026 12:00'] },
        { name: 'title', type: FieldType.string, values: ['Deploy v1', 'Deploy v2', 'Deploy v3'] },
      ],
    });
    expect(extractEvents([frame]).map((e) => [e.title, e.time])).toStrictEqual([
      ['Deploy v1', Date.UTC(2026, 0, 5, 10)],
      ['Deploy v2', Date.UTC(2026, 0, 5, 10)],
    ]);
  });

  it('ignores metric frames', () => {
    const metrics = toDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [1, 2] }, { name: 'errors', type: FieldType.number, values: [3, 4] }] });
    expect(extractEvents([metrics])).toStrictEqual([]);
  });
});

describe('extractSeries', () => {
  const frame = toDataFrame({
    refId: 'A',
    fields: [
      { name: 'time', type: FieldType.time, values: [1000, 2000] },
      { name: 'errors', type: FieldType.number, values: [1, 2], labels: { service: 'checkout' } },
      { name: 'latency', type: FieldType.number, values: [10, 20], labels: { app: 'checkout' } },
    ],
  });

  it('takes every numeric series and the service from its labels', () => {
    const series = extractSeries([frame, eventsToFrame([deploy], 'E')]);
    expect(series.map((s) => [s.service, s.values])).toStrictEqual([
      ['checkout', [1, 2]],
      ['checkout', [10, 20]],
    ]);
  });

  it.each([
    ['errors', 1],
    ['/^lat/', 1],
    ['/(/', 0],
    ['', 2],
  ])('matches series by "%s"', (match, count) => {
    expect(extractSeries([frame], match)).toHaveLength(count);
  });
});
