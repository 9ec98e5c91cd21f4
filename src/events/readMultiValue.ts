import { EventNotice } from './types';

/**
 * The values of a query field that a multi-value or "All" dashboard variable filled in, as
 * Grafana's `csv` format writes them (`production,staging`): distinct, trimmed, none empty.
 *
 * @example
 * splitValues('production, staging,') // ['production', 'staging']
 */
export function splitValues(value: string | undefined): string[] {
  return Array.from(new Set((value ?? '').split(',').map((v) => v.trim()).filter(Boolean)));
}

/**
 * What the values of a query's scope, environment and service call for saying before any read: a
 * value with a `{` left in it is a variable written as a glob (`{a,b}`), which matches nothing,
 * and a warning says how to write it; several services stamp none (a service is only stamped on
 * events that name none), and an info notice says so.
 *
 * @example
 * valueNotices({ environment: '{production,staging}' }) // [{ severity: 'warning', text: 'Environment "{production,staging}" holds a "{" ...' }]
 */
export function valueNotices(fields: { environment?: string; service?: string; scope?: string }): EventNotice[] {
  const services = splitValues(fields.service);
  // No repository, project, job, application, label selector or tag holds a "{": in a scope it is a glob too.
  const notices = [...globNotice('Scope', fields.scope), ...globNotice('Environment', fields.environment), ...globNotice('Service', fields.service)];
  if (services.length > 1) {
    notices.push({
      severity: 'info',
      text: `Service holds several values (${services.join(', ')}): events that name no service keep their provider's default (the repository, project or job name).`,
    });
  }
  return notices;
}

function globNotice(field: string, value: string | undefined): EventNotice[] {
  if (!value?.includes('{')) {
    return [];
  }
  return [
    {
      severity: 'warning',
      text: `${field} "${value}" holds a "{": a multi-value variable written as a glob matches nothing. Write it as $name (or \${name:csv}): each value is then read.`,
    },
  ];
}
