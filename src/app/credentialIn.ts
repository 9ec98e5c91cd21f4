import { isRecord, withoutUrlCredentials } from '../events/normalize';

/** Names of fields (or headers) that carry a credential, compared lowercased without - _ and spaces, by their end. */
const CREDENTIAL_NAME = /(password|passwd|secret|token|apikey|authorization|credential|privatekey|accesskey)$/;
/** A value that is an HTTP credential whatever field it sits in. */
const CREDENTIAL_VALUE = /^(bearer|basic|token)\s+\S/i;

const credentialName = (name: string) => CREDENTIAL_NAME.test(name.toLowerCase().replace(/[-_\s]/g, ''));
const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/**
 * Where a saved query model holds what looks like a credential (a field named like one with a
 * value, a `{ key | name, value }` header named like one, a Bearer or Basic value, a URL with
 * user-info), as a dotted path, or null. App settings are jsonData, which Grafana hands to every
 * signed-in user: credentials belong in a data source's secureJsonData. O(size of the model).
 *
 * @example
 * credentialIn({ headers: [{ key: 'Authorization', value: 'Bearer x' }] }) // 'headers.0'
 */
export function credentialIn(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') {
    return CREDENTIAL_VALUE.test(value.trim()) || withoutUrlCredentials(value) !== value ? path.join('.') : null;
  }
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : isRecord(value)
      ? Object.entries(value)
      : [];
  if (isRecord(value)) {
    const name = typeof value.key === 'string' ? value.key : typeof value.name === 'string' ? value.name : '';
    if (credentialName(name) && filled(value.value)) {
      return path.join('.');
    }
  }
  for (const [key, child] of entries) {
    if (!Array.isArray(value) && credentialName(key) && filled(child)) {
      return [...path, key].join('.');
    }
    const found = credentialIn(child, [...path, key]);
    if (found !== null) {
      return found;
    }
  }
  return null;
}
