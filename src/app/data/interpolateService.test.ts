import { interpolateService } from './interpolateService';

describe('interpolateService', () => {
  it('puts the service name in every text field, nested ones included, and keeps other values', () => {
    const query = { refId: 'A', expr: 'sum(rate(errors{service="$service"}[5m]))', legendFormat: '${service}', hide: false, nested: [{ q: '$service' }] };
    expect(interpolateService(query, 'web')).toStrictEqual({
      refId: 'A',
      expr: 'sum(rate(errors{service="web"}[5m]))',
      legendFormat: 'web',
      hide: false,
      nested: [{ q: 'web' }],
    });
  });

  // Service names come from CI: a quote closed the PromQL string and added to the query.
  it.each([
    ['a double quote in "…"', 'errors{service="$service"}', 'web"} or vector(1) or errors{x="', 'errors{service="web\\"} or vector(1) or errors{x=\\""}'],
    ['a backslash in "…"', 'errors{service="$service"}', 'a\\b', 'errors{service="a\\\\b"}'],
    ["a single quote in '…'", "errors{service='$service'}", "o'k", "errors{service='o\\'k'}"],
    ['a double quote in \'…\' (needs no escape)', "errors{service='${service}'}", 'a"b', "errors{service='a\"b'}"],
    ['a regex matcher', 'errors{service=~"$service"}', 'api.v2', 'errors{service=~"api\\\\.v2"}'],
    ['a backtick in a raw string', 'errors{service=`$service`}', 'a`b', 'errors{service=`ab`}'],
    ['a quote earlier in the query', 'errors{env="a\\"b", service="$service"}', 'x"y', 'errors{env="a\\"b", service="x\\"y"}'],
  ])('escapes %s for the string it lands in', (_name, expr, service, expected) => {
    expect(interpolateService({ expr }, service).expr).toBe(expected);
  });

  describe('edge cases', () => {
    it.each(["pay$'x", 'pay$&x', 'pay$`x', 'pay$$x', 'pay$1x'])('puts %s in as written: no replacement patterns expand', (service) => {
      expect(interpolateService({ expr: 'errors{service="$service"}' }, service).expr).toBe(`errors{service="${service}"}`);
    });

    it('leaves a field without the placeholder, and $services (another variable), alone', () => {
      expect(interpolateService({ expr: 'up{job="$services"}' }, 'web').expr).toBe('up{job="$services"}');
    });
  });
});
