/**
 * @jest-environment node
 */
import { parseProvisioning } from './provisioning.mjs';

// CONSTRUCTED provisioning text in the shape of provisioning/datasources/safedeploy.yaml.
const text = [
  'apiVersion: 1',
  '# a comment naming $UNSET is never read',
  'datasources:',
  '  - name: SafeDeploy Events',
  '    jsonData:',
  '      query: \'{service="$$service"}\'',
  '      owner: ${OWNER}',
  '    secureJsonData:',
  '      githubToken: $TOKEN',
  '',
].join('\n');

describe('parseProvisioning', () => {
  it('expands each string value after parsing, so a value is never read as YAML', () => {
    const doc = parseProvisioning(text, { TOKEN: 'abc #def', OWNER: '*star' });
    const [ds] = doc.datasources;
    expect(ds.secureJsonData.githubToken).toBe('abc #def');
    expect(ds.jsonData.owner).toBe('*star');
  });

  it('reads $$ as a literal dollar and an unset variable as empty, as Grafana does', () => {
    const [ds] = parseProvisioning(text, {}).datasources;
    expect(ds.jsonData.query).toBe('{service="$service"}');
    expect(ds.secureJsonData.githubToken).toBe('');
  });

  it('keeps numbers and booleans as YAML wrote them', () => {
    expect(parseProvisioning('apiVersion: 1\napps:\n  - disabled: false\n', {})).toStrictEqual({ apiVersion: 1, apps: [{ disabled: false }] });
  });
});
