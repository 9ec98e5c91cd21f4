import { ScopedVars } from '@grafana/data';
import { TemplateSrv } from '@grafana/runtime';

import { fillInVariables } from './fillInVariables';

type Format = string | ((value: unknown) => string) | undefined;

interface Variable {
  values: string[];
  all?: boolean;
  allValue?: string;
}

/**
 * CONSTRUCTED: a template service that fills `$name` and `${name}` in as Grafana's does
 * (public/app/features/templating/template_srv.ts, v10.4.0; @grafana/scenes 9.2.2
 * `MultiValueVariable`/`CustomAllValue`): at "All", `text` is "All"; a custom all value is
 * written as is in every other format and a format function is not called for it; otherwise
 * the function gets the values, `csv` joins them, and several values default to a glob.
 */
function templateSrv(variables: Record<string, Variable>): TemplateSrv {
  const replace = (target: string | undefined, scopedVars?: ScopedVars, format?: Format) =>
    (target ?? '').replace(/\$\{(\w+)(?::(\w+))?\}|\$(\w+)/g, (match, braced: string | undefined, inline: string | undefined, bare: string) => {
      const name = braced ?? bare;
      const scoped = scopedVars?.[name];
      const variable = scoped ? { values: [String(scoped.value)] } : variables[name];
      if (!variable) {
        return match;
      }
      const fmt: Format = inline ?? format;
      if (variable.all && fmt === 'text') {
        return 'All';
      }
      if (variable.all && variable.allValue !== undefined) {
        return variable.allValue;
      }
      if (typeof fmt === 'function') {
        return fmt(variable.values.length === 1 ? variable.values[0] : variable.values);
      }
      if (fmt === 'csv' || variable.values.length === 1) {
        return variable.values.join(',');
      }
      return `{${variable.values.join(',')}}`;
    });
  return { replace } as unknown as TemplateSrv;
}

const ENV = ['production', 'staging'];

describe('fillInVariables', () => {
  it('writes several values comma-separated, never as the glob Grafana writes by default', () => {
    const srv = templateSrv({ env: { values: ENV } });
    expect(fillInVariables(srv, '$env', {}, { filter: true })).toBe('production,staging');
  });

  it('an environment at "All" without a custom all value reads each value of the variable', () => {
    const srv = templateSrv({ env: { values: ENV, all: true } });
    expect(fillInVariables(srv, '$env', {}, { filter: true })).toBe('production,staging');
  });

  it.each(['.*', '*', '%', 'production|staging'])('an environment at "All" with the custom all value %s reads every environment', (allValue) => {
    const srv = templateSrv({ env: { values: ENV, all: true, allValue } });
    expect(fillInVariables(srv, '$env', {}, { filter: true })).toBe('');
    expect(fillInVariables(srv, '${env:csv}', {}, { filter: true })).toBe('');
    expect(fillInVariables(srv, 'canary,${env}', {}, { filter: true })).toBe('');
  });

  it('a field that does not filter (the scope) keeps the custom all value as written', () => {
    const srv = templateSrv({ repo: { values: ['shop/web'], all: true, allValue: '.*' } });
    expect(fillInVariables(srv, '$repo', {}, { filter: false })).toBe('.*');
  });

  describe('edge cases', () => {
    it('the scoped value of a repeated panel wins over the dashboard variable at "All"', () => {
      const srv = templateSrv({ env: { values: ENV, all: true, allValue: '.*' } });
      expect(fillInVariables(srv, '$env', { env: { text: 'staging', value: 'staging' } }, { filter: true })).toBe('staging');
    });

    it('an environment literally named "All" is read by its name', () => {
      const srv = templateSrv({ env: { values: ['All'] } });
      expect(fillInVariables(srv, '$env', {}, { filter: true })).toBe('All');
    });

    it('text without variables, unknown variables and empty fields stay as written', () => {
      const srv = templateSrv({});
      expect(fillInVariables(srv, 'production', {}, { filter: true })).toBe('production');
      expect(fillInVariables(srv, '$unknown', {}, { filter: true })).toBe('$unknown');
      expect(fillInVariables(srv, undefined, {}, { filter: true })).toBeUndefined();
      expect(fillInVariables(srv, '', {}, { filter: true })).toBe('');
    });
  });
});
