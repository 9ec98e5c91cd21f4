/** A table's order: the column sorted by, and which way. */
export interface TableOrder {
  id: string;
  desc: boolean;
}

/** The query parameter that keeps an overview's order, so a reload, Back and a shared link keep it too. */
export const SORT_PARAM = 'sort';

/**
 * The `sort` parameter's value for an order (`changeFailureRate-desc`), or null for the table's
 * default order, which the address then leaves out.
 *
 * @example
 * sortParamOf({ id: 'changeFailureRate', desc: true }, { id: 'service', desc: false }) // 'changeFailureRate-desc'
 */
export function sortParamOf(order: TableOrder, byDefault: TableOrder): string | null {
  return order.id === byDefault.id && order.desc === byDefault.desc ? null : `${order.id}-${order.desc ? 'desc' : 'asc'}`;
}

/**
 * The order a query string names (`?sort=changeFailureRate-desc`), or `byDefault` when it names
 * none, or a column the table does not sort by, or no direction: a link written by hand or by
 * an older release still opens the page.
 *
 * @example
 * readSortParam('?sort=leadTime-asc', ['service', 'leadTime'], { id: 'service', desc: false }) // { id: 'leadTime', desc: false }
 */
export function readSortParam(search: string, ids: readonly string[], byDefault: TableOrder): TableOrder {
  const text = new URLSearchParams(search).get(SORT_PARAM) ?? '';
  const m = /^(.+)-(asc|desc)$/.exec(text);
  return m && ids.includes(m[1]) ? { id: m[1], desc: m[2] === 'desc' } : byDefault;
}
