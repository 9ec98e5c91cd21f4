const PLACEHOLDER = /\$\{service\}|\$service\b/g;

/**
 * A copy of a query model with `$service` and `${service}` replaced by the service name in
 * every text field, nested ones included; other values are kept as they are.
 *
 * @example
 * interpolateService({ expr: 'rate(errors{service="$service"}[5m])' }, 'web') // { expr: 'rate(errors{service="web"}[5m])' }
 */
export function interpolateService<T>(value: T, service: string): T {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, service) as T;
  }
  if (Array.isArray(value)) {
    return value.map((v) => interpolateService(v, service)) as T;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateService(v, service)])) as T;
  }
  return value;
}
