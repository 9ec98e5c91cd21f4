import { createHttpClient } from '../../http/createHttpClient';
import { RawResponse, Transport } from '../../http/types';
import { readEvents } from '../readEvents';
import { readFixture } from '../testing/fixtures';
import { EventKind, EventSource, EventStatus } from '../types';
import { parseGrafanaAnnotation } from './readGrafanaAnnotations';
import { textToAnnotationHtml } from '../annotationHtml';

describe('Grafana annotation parser', () => {
  const [region, point] = readFixture('grafana/annotations_find.json') as Array<Record<string, unknown>>;

  it('reads a documented annotation as a manual change note', () => {
    expect(parseGrafanaAnnotation(point)).toMatchObject({
      id: 'grafana:annotation:1123',
      source: EventSource.GrafanaAnnotations,
      kind: EventKind.Config,
      status: EventStatus.Success,
      time: 1507265111000,
      timeEnd: null,
      title: 'test',
      tags: ['tag1', 'tag2'],
    });
  });

  it.each([
    ['an incident tag', { ...region, tags: ['Incident', 'service:checkout'] }, { kind: EventKind.Incident, status: EventStatus.Failure, service: 'checkout' }],
    ['a kind tag', { ...region, tags: ['flag', 'env:production'] }, { kind: EventKind.Flag, environment: 'production' }],
    ['a firing alert', { ...region, alertId: 12, newState: 'Alerting' }, { kind: EventKind.Incident }],
    ['a region with a multi-line text', { ...region, time: 1507266395000, timeEnd: 1507267395000, text: 'DB failover\nprimary lost' }, { title: 'DB failover', text: 'primary lost', timeEnd: 1507267395000 }],
  ])('reads an annotation with %s', (_, item, expected) => {
    expect(parseGrafanaAnnotation(item)).toMatchObject(expected);
  });

  describe('edge cases', () => {
    it.each([
      ['an alert returning to normal', { ...region, alertId: 12, newState: 'Normal' }, 'alert state change other than firing'],
      ['no id', { ...region, id: undefined }, 'missing id'],
      ['no time', { ...region, time: null }, 'missing or impossible time'],
      ['not an object', 'x', 'not an object'],
    ])('skips %s with the reason', (_, item, reason) => {
      expect(parseGrafanaAnnotation(item)).toBe(reason);
    });

    it('keeps a point annotation whose end equals its start a point', () => {
      expect(parseGrafanaAnnotation(region)).toMatchObject({ time: 1507266395000, timeEnd: null });
    });
  });
});

describe('release gate annotations', () => {
  // CONSTRUCTED: what `safedeploy gate --annotate` writes, in Grafana's Annotation shape (see src/events/contracts/grafana).
  const written = {
    id: 31,
    time: 1715680800000,
    timeEnd: 1715681700000,
    tags: ['safedeploy', 'service:checkout', 'env:production', 'verdict:roll_back'],
    // Escaped as the gate writes it: Grafana shows an annotation's text as HTML.
    text: textToAnnotationHtml('SafeDeploy gate: roll_back for checkout in production\nerrors 3x the baseline\nspike 3.01x on http_errors{code="500"}'),
    login: 'sa-safedeploy',
  };

  it("reads the gate's annotation as the deploy it judged, carrying the gate's verdict", () => {
    const event = parseGrafanaAnnotation(written);
    expect(event).toMatchObject({ kind: 'deploy', service: 'checkout', environment: 'production', gateVerdict: 'roll_back', title: 'SafeDeploy gate: roll_back for checkout in production' });
    expect(event).toMatchObject({ text: 'errors 3x the baseline\nspike 3.01x on http_errors{code="500"}' });
  });

  it.each([
    [['verdict:roll_back', 'service:checkout'], 'a verdict tag without the safedeploy tag'],
    [['safedeploy', 'verdict:ship_it'], 'an unknown verdict'],
  ])('does not take %j as a gate verdict (%s)', (tags) => {
    expect(parseGrafanaAnnotation({ ...written, tags })).not.toHaveProperty('gateVerdict');
  });
});


describe('paging through a range that holds a long region', () => {
  // Emulates Grafana's annotation store (pkg/services/annotations/annotationsimpl/xorm_store.go, Get):
  //   WHERE epoch <= :to AND epoch_end >= :from ORDER BY epoch_end DESC, epoch DESC LIMIT :limit
  // Items shaped as grafana/annotations_find.json (a point annotation's timeEnd equals its time);
  // the region and the 600 points are CONSTRUCTED.
  const T0 = Date.UTC(2026, 10, 1);
  const HOUR = 3_600_000;
  const annotation = (id: number, time: number, timeEnd: number) => ({ id, alertId: 0, dashboardUID: '', panelId: 0, time, timeEnd, text: `note ${id}`, tags: [] });
  const region = annotation(1, T0 + HOUR, T0 + 160 * HOUR);
  const points = Array.from({ length: 600 }, (_, i) => annotation(2 + i, T0 + 2 * HOUR + i * 600_000, T0 + 2 * HOUR + i * 600_000));
  const store: Transport = async (url) => {
    const q = new URL(url).searchParams;
    const [from, to, limit] = ['from', 'to', 'limit'].map((key) => Number(q.get(key)));
    const rows = [region, ...points]
      .filter((a) => a.time <= to && a.timeEnd >= from)
      .sort((a, b) => b.timeEnd - a.timeEnd || b.time - a.time)
      .slice(0, limit);
    const response: RawResponse = { status: 200, header: () => null, body: JSON.stringify(rows) };
    return response;
  };

  it('reads every annotation once when a seven-day region sorts first on a full page (regression: paging by the earliest start skipped 101)', async () => {
    const client = createHttpClient({ baseUrl: 'https://grafana.example.com', upstreamUrl: 'https://grafana.example.com', providerName: 'Grafana annotations', transport: store });
    const batch = await readEvents({ source: EventSource.GrafanaAnnotations, client, scope: '', range: { from: T0, to: T0 + 168 * HOUR } });
    expect({ events: batch.events.length, distinct: new Set(batch.events.map((e) => e.id)).size, notices: batch.notices }).toStrictEqual({ events: 601, distinct: 601, notices: [] });
  });
});
