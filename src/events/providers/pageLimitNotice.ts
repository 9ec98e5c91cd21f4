import { EventNotice } from '../types';

/**
 * The one notice for a walk stopped at the page limit: a warning (the user chose the limit),
 * not a loss.
 *
 * @example
 * pageLimitNotice('GitHub', 'deployments of shop/web', 110)
 * // { severity: 'warning', text: 'GitHub: stopped after 110 pages of deployments of shop/web; ...' }
 */
export function pageLimitNotice(provider: string, what: string, pages: number): EventNotice {
  return {
    severity: 'warning',
    text: `${provider}: stopped after ${pages} pages of ${what}; narrow the time range or raise "Max pages" (--max-pages).`,
  };
}
