import { readFixture } from '../testing/fixtures';
import { EventKind, EventSource, EventStatus } from '../types';
import { parseGrafanaAnnotation } from './readGrafanaAnnotations';

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
