import { useCallback, useRef, useState } from 'react';
import { locationService } from '@grafana/runtime';

import { readSortParam, sortParamOf, SORT_PARAM, TableOrder } from '../tableSortParam';
import { AppLocation } from './useAppLocation';

/**
 * A table's order kept in the address: read from it at mount, written to it replacing the entry
 * when a header changes it (as the filter is), so a reload, Back and a shared link show the same
 * order. `ids` are the columns the table sorts by. The setter is stable, as InteractiveTable's
 * `fetchData` must be; null (the sort removed from a header) is the default order.
 */
export function useTableOrder(
  location: AppLocation,
  ids: readonly string[],
  byDefault: TableOrder
): [TableOrder, (order: TableOrder | null) => void] {
  const [order, setOrder] = useState(() => readSortParam(location.search ?? '', ids, byDefault));
  const current = useRef(order);
  const fallback = useRef(byDefault);
  const change = useCallback((next: TableOrder | null) => {
    const chosen = next ?? fallback.current;
    if (chosen.id === current.current.id && chosen.desc === current.current.desc) {
      return;
    }
    current.current = chosen;
    setOrder(chosen);
    locationService.partial({ [SORT_PARAM]: sortParamOf(chosen, fallback.current) }, true);
  }, []);
  return [order, change];
}
