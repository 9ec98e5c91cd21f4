import { templateSrv } from './services';

/** A query variable at "All" as the host's dashboard view resolves it (its options listed). */
const env = (allValue?: string) => ({
  name: 'env',
  type: 'query',
  includeAll: true,
  allValue,
  options: [
    { text: 'production', value: 'production' },
    { text: 'staging', value: 'staging' },
  ],
  current: { text: 'All', value: ['$__all'] },
});

// As Grafana 10.4's TemplateSrv (public/app/features/templating/template_srv.ts, formatRegistry.ts).
describe('the host template service fills variables in as Grafana 10.4 does', () => {
  afterEach(() => templateSrv.setVariables([]));

  it('writes "All" as every value: a glob by default, comma-separated as csv, "All" as text', () => {
    templateSrv.setVariables([env()] as never);
    expect(templateSrv.replace('$env')).toBe('{production,staging}');
    expect(templateSrv.replace('$env', {}, 'csv')).toBe('production,staging');
    expect(templateSrv.replace('${env:pipe}')).toBe('production|staging');
    expect(templateSrv.replace('$env', {}, 'text')).toBe('All');
  });

  it('writes a custom all value as written in every format but text, and calls no format function for it', () => {
    templateSrv.setVariables([env('.*')] as never);
    const format = jest.fn((value: unknown) => String(value));
    expect(templateSrv.replace('$env', {}, 'csv')).toBe('.*');
    expect(templateSrv.replace('${env:csv}')).toBe('.*');
    expect(templateSrv.replace('$env', {}, format)).toBe('.*');
    expect(format).not.toHaveBeenCalled();
    expect(templateSrv.replace('$env', {}, 'text')).toBe('All');
  });

  it("hands a format function the variable's values", () => {
    templateSrv.setVariables([{ ...env(), current: { text: ['production', 'staging'], value: ['production', 'staging'] } }] as never);
    expect(templateSrv.replace('$env', {}, (value: unknown) => `<${(value as string[]).join(';')}>`)).toBe('<production;staging>');
  });
});
