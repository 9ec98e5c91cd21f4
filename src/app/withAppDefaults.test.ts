import { interpolateService } from './data/interpolateService';
import { SortKey, sortServices } from './data/sortServices';
import { ServiceHealth } from './data/loadReleaseHealth';
import { DEFAULT_THRESHOLDS } from './types';
import { withAppDefaults } from './withAppDefaults';

describe('withAppDefaults', () => {
  it('keeps usable entries, drops broken ones and fills missing thresholds', () => {
    const settings = withAppDefaults({
      eventSources: [
        { datasource: { uid: 'ev' }, provider: 'gitlab', scope: 'g/p' },
        { datasource: { uid: 'ev' }, provider: 'unleash', scope: 'search', service: ' search ' },
        { datasource: {} },
        'x',
      ],
      metricTemplate: { datasource: { uid: 'prom', type: 'prometheus' }, query: { expr: 'up' } },
      serviceMetrics: [
        { service: ' web ', datasource: { uid: 'loki' }, query: {} },
        { service: '', datasource: { uid: 'x' } },
      ],
      requestsTemplate: { datasource: { uid: 'prom', type: 'prometheus' }, query: { expr: 'requests' } },
      thresholds: { minDeploys: 3, maxChangeFailureRate: -1 },
    });
    expect(settings.eventSources).toStrictEqual([
      {
        datasource: { uid: 'ev', type: undefined },
        provider: 'gitlab',
        scope: 'g/p',
        environment: undefined,
        service: undefined,
      },
      {
        datasource: { uid: 'ev', type: undefined },
        provider: 'unleash',
        scope: 'search',
        environment: undefined,
        service: 'search',
      },
    ]);
    expect(settings.serviceMetrics.map((m) => m.service)).toStrictEqual(['web']);
    expect(settings.thresholds).toStrictEqual({ ...DEFAULT_THRESHOLDS, minDeploys: 3 });
    expect(settings.alertServiceLabel).toBe('service');
    expect(settings.requestsTemplate).toStrictEqual({ datasource: { uid: 'prom', type: 'prometheus' }, query: { expr: 'requests' } });
  });

  // A cleared "Change failure rate under" field saved 0: nothing is under 0%, so every service failed it.
  it('takes no threshold of 0 for a rate or a time a value must stay strictly under', () => {
    const t = withAppDefaults({ thresholds: { maxChangeFailureRate: 0, maxMedianTimeToRestoreMs: 0, minDeploys: 0, maxPagesPerWeek: 0, warrantyDays: 0 } }).thresholds;
    expect(t).toStrictEqual({ ...DEFAULT_THRESHOLDS, minDeploys: 0, maxPagesPerWeek: 0, warrantyDays: 0 });
  });

  it('gives an empty configuration for missing jsonData', () => {
    expect(withAppDefaults(undefined).eventSources).toStrictEqual([]);
    expect(withAppDefaults(null).metricTemplate).toBeNull();
    expect(withAppDefaults({ requestsTemplate: { datasource: {} } }).requestsTemplate).toBeNull();
  });

  it('lets Editors act from the panel unless the settings say Admin; a Viewer setting is not kept', () => {
    expect(withAppDefaults(undefined).actRole).toBe('Editor');
    expect(withAppDefaults({ actRole: 'Admin' }).actRole).toBe('Admin');
    expect(withAppDefaults({ actRole: 'Viewer' } as never).actRole).toBe('Editor');
  });
});

describe('interpolateService', () => {
  it.each([
    ['rate(errors{service="$service"}[5m])', 'rate(errors{service="web"}[5m])'],
    ['${service}-errors', 'web-errors'],
    ['$services stays', '$services stays'],
  ])('turns %s into %s', (input, output) => {
    expect(interpolateService({ expr: input, nested: [{ q: input }], n: 1 }, 'web')).toStrictEqual({
      expr: output,
      nested: [{ q: output }],
      n: 1,
    });
  });
});

describe('sortServices', () => {
  const s = (service: string, cfr: number | null) =>
    ({ service, keys: { changeFailureRate: cfr } }) as unknown as ServiceHealth;
  it('sorts by a key both ways with services lacking a value last', () => {
    const list = [s('a', 0.1), s('b', null), s('c', 0.3)];
    expect(sortServices(list, SortKey.ChangeFailureRate, 'desc').map((x) => x.service)).toStrictEqual(['c', 'a', 'b']);
    expect(sortServices(list, SortKey.ChangeFailureRate, 'asc').map((x) => x.service)).toStrictEqual(['a', 'c', 'b']);
    expect(sortServices(list, SortKey.Service, 'desc').map((x) => x.service)).toStrictEqual(['c', 'b', 'a']);
  });
});
