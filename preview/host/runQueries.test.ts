import { DataFrame, dateTime, FieldType, toDataFrame } from '@grafana/data';
import { DataSourceSrv } from '@grafana/runtime';
import { DataQuery } from '@grafana/schema';
import { lastValueFrom, of, throwError } from 'rxjs';

import { MIXED_DATASOURCE_UID, PanelTarget, routeTargets, runAnnotations, runPanelQueries } from './runQueries';

const METRICS = { uid: 'metrics', type: 'grafana-testdata-datasource' };
const EVENTS = { uid: 'events', type: 'safedeploy-events-datasource' };
const MIXED = { uid: MIXED_DATASOURCE_UID, type: 'datasource' };

const a: DataQuery = { refId: 'A', datasource: METRICS };
const e: DataQuery = { refId: 'E', datasource: EVENTS };
const bare: DataQuery = { refId: 'X' };

/** Group uid → refIds, for readable expectations ('' is the default datasource). */
const routed = (panel: typeof METRICS | undefined, targets: DataQuery[]) =>
  Object.fromEntries(Array.from(routeTargets(panel, targets)).map(([uid, group]) => [uid, group.map((t) => t.refId)]));

describe('routeTargets', () => {
  it.each([
    ['the panel datasource takes every target, whatever the targets name', METRICS, [a, e], { metrics: ['A', 'E'] }],
    ['without a panel datasource the first target that names one decides for all', undefined, [a, e], { metrics: ['A', 'E'] }],
    ['without a panel datasource, an events target first takes the metrics target too', undefined, [bare, e, a], { events: ['X', 'E', 'A'] }],
    ['under -- Mixed -- each target goes to its own datasource', MIXED, [a, e], { metrics: ['A'], events: ['E'] }],
    ['under -- Mixed -- a target without a datasource goes to the default', MIXED, [a, bare], { metrics: ['A'], '': ['X'] }],
    ['with no datasource anywhere every target goes to the default', undefined, [bare], { '': ['X'] }],
  ])('%s', (_name, panel, targets, expected) => {
    expect(routed(panel, targets)).toStrictEqual(expected);
  });

  describe('edge cases', () => {
    it('returns no groups for no targets', () => {
      expect(routeTargets(MIXED, []).size).toBe(0);
    });

    it('treats a panel datasource without a uid as absent', () => {
      expect(routed({ type: 'x' } as typeof METRICS, [e, a])).toStrictEqual({ events: ['E', 'A'] });
    });
  });
});

describe('runPanelQueries', () => {
  it("hands the panel its request with every query, as Grafana's runRequest does (data.request)", async () => {
    const ds = { query: () => of({ data: [] }) };
    const dsSrv = { get: async () => ds } as unknown as DataSourceSrv;
    const range = { from: dateTime(0), to: dateTime(1000), raw: { from: 'now-1h', to: 'now' } };
    const data = await lastValueFrom(runPanelQueries(dsSrv, MIXED, [a, e] as PanelTarget[], range, 100));
    expect(data.request?.targets.map((t) => t.refId)).toStrictEqual(['A', 'E']);
    expect(data.request?.targets[1].datasource).toStrictEqual(EVENTS);
  });
});

describe('panel state and errors from several packets, as Grafana 10.4 merges them (runRequest.ts processResponsePacket)', () => {
  const range = { from: dateTime(0), to: dateTime(1000), raw: { from: 'now-1h', to: 'now' } };
  const run = (packets: object[]) =>
    lastValueFrom(runPanelQueries({ get: async () => ({ query: () => of(...packets) }) } as unknown as DataSourceSrv, EVENTS, [e] as PanelTarget[], range, 100));

  it('the last failing packet decides the error: the errors of other packets are not listed', async () => {
    const data = await run([
      { key: 'E', data: [], state: 'Error', error: { refId: 'E', message: 'e' }, errors: [{ refId: 'E', message: 'e' }] },
      { key: 'F', data: [], state: 'Error', error: { refId: 'F', message: 'f' }, errors: [{ refId: 'F', message: 'f' }] },
    ]);
    expect(data.state).toBe('Error');
    expect(data.errors).toStrictEqual([{ refId: 'F', message: 'f' }]);
    expect(data.error).toStrictEqual({ refId: 'F', message: 'f' });
  });

  it('the state is the latest packet\'s, even while another query still streams', async () => {
    const data = await run([
      { key: 'E', data: [], state: 'Streaming' },
      { key: 'F', data: [], state: 'Done' },
    ]);
    expect(data.state).toBe('Done');
  });
});

describe('runAnnotations', () => {
  const range = { from: dateTime(0), to: dateTime(1000), raw: { from: 'now-1h', to: 'now' } };
  const layer = { name: 'Deploys', iconColor: 'purple', datasource: { uid: 'events' }, target: { refId: 'Anno' } };
  // CONSTRUCTED: a region event whose end field shows as "End", as a table would name it.
  const frame = toDataFrame({
    fields: [
      { name: 'time', type: FieldType.time, values: [100] },
      { name: 'timeEnd', type: FieldType.time, values: [400], config: { displayName: 'End' } },
      { name: 'title', type: FieldType.string, values: ['Deploy <b>v2</b>'] },
      { name: 'service', type: FieldType.string, values: ['checkout'] },
    ],
  });
  const run = (ds: object) =>
    runAnnotations(
      { get: async () => ({ query: () => of({ data: [frame] }), ...ds }) } as unknown as DataSourceSrv,
      [layer],
      range
    );
  const row = (frames: DataFrame[]) => Object.fromEntries(frames[0].fields.map((f) => [f.name, f.values[0]]));

  it('maps fields by display name without the datasource\'s own processEvents, as Grafana does: an end shown as "End" is lost', async () => {
    const { frames } = await run({});
    expect(row(frames)).toMatchObject({
      time: 100,
      title: 'Deploy <b>v2</b>',
      type: 'Deploys',
      isRegion: false,
      color: 'purple',
    });
    expect(row(frames)).not.toHaveProperty('timeEnd');
    expect(row(frames)).not.toHaveProperty('service');
  });

  it("uses the datasource's own processEvents, and keeps every key its events carry", async () => {
    const processEvents = () => of([{ time: 100, timeEnd: 400, title: 'x', text: 'y', service: 'checkout' }]);
    const { frames } = await run({ annotations: { processEvents } });
    expect(row(frames)).toMatchObject({
      time: 100,
      timeEnd: 400,
      isRegion: true,
      service: 'checkout',
      type: 'Deploys',
    });
  });

  it("raises no toast for a query that answered with an error, as Grafana's runRequest turns it into the layer's data", async () => {
    let asked: DataQuery[] = [];
    const failing = {
      query: (request: { targets: DataQuery[] }) => {
        asked = request.targets;
        return of({ data: [], state: 'Error', error: { message: 'GitLab is not configured' }, errors: [{ message: 'GitLab is not configured' }] });
      },
    };
    const { frames, errors } = await runAnnotations({ get: async () => failing } as unknown as DataSourceSrv, [{ ...layer, target: { refId: 'Saved' } }], range);
    expect(errors).toStrictEqual([]);
    expect(frames).toStrictEqual([]);
    // Grafana names every annotation query Anno, whatever refId was saved.
    expect(asked.map((t) => t.refId)).toStrictEqual(['Anno']);
  });

  it("raises Grafana's toast when the datasource's processEvents fails", async () => {
    const processEvents = () => throwError(() => new Error('bad frame'));
    const { errors } = await run({ annotations: { processEvents } });
    expect(errors).toStrictEqual([{ title: 'AnnotationQueryRunner failed', message: 'bad frame' }]);
  });

  it('before scenes, hands every layer\'s events over as one frame built from the first event\'s keys, one event per id', async () => {
    const layers = [
      { ...layer, name: 'Notes', datasource: { uid: 'notes' } },
      { ...layer, name: 'Deploys', datasource: { uid: 'events' } },
    ];
    const notes = { annotations: { processEvents: () => of([{ id: 'n1', time: 50, text: 'note' }]) }, query: () => of({ data: [frame] }) };
    const events = { annotations: { processEvents: () => of([{ id: 'd1', time: 100, text: 'deploy', service: 'checkout' }, { id: 'n1', time: 60, text: 'same id' }]) }, query: () => of({ data: [frame] }) };
    const dsSrv = { get: async (ref: { uid: string }) => (ref.uid === 'notes' ? notes : events) } as unknown as DataSourceSrv;
    const { frames } = await runAnnotations(dsSrv, layers, range, { oneFrame: true });
    expect(frames).toHaveLength(1);
    expect(frames[0].fields.map((f) => f.name)).not.toContain('service');
    expect(frames[0].fields.find((f) => f.name === 'text')?.values).toStrictEqual(['note', 'deploy']);
    // Scenes (11.6 on): a frame per layer, each with its events' own keys.
    const perLayer = await runAnnotations(dsSrv, layers, range);
    expect(perLayer.frames.map((f) => f.length)).toStrictEqual([1, 2]);
    expect(perLayer.frames[1].fields.map((f) => f.name)).toContain('service');
  });
});
