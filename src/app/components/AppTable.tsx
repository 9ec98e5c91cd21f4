import React, { useCallback, useEffect, useRef } from 'react';
import { Column, FetchDataFunc, InteractiveTable } from '@grafana/ui';

/**
 * A column of Grafana's InteractiveTable with the options later Grafana versions read:
 * `sortDescFirst` (12.x; 10.4 and 11.x sort ascending on the first click).
 */
export interface AppColumn<T extends object> extends Column<T> {
  sortDescFirst?: boolean;
}

interface AppTableProps<T extends object> {
  /** The table's accessible name: InteractiveTable takes none, so the region around it carries it. */
  label: string;
  columns: Array<AppColumn<T>>;
  /** In the default order: 10.4 has no initial sort, so the rows must already be in it. Memoized. */
  data: T[];
  getRowId: (row: T) => string;
  /** The column `data` is sorted by, shown as sorted where Grafana supports it (11.6 and later). */
  initialSort?: { id: string; desc: boolean };
  /** Rows per page; 0 shows every row (rows that other pages link to by anchor must stay in the page). */
  pageSize?: number;
  /**
   * Told each order chosen from a header (null: the sort removed), for a caller that keeps the
   * order itself: the table then leaves `data` in the order given, and the caller sorts it.
   */
  onSort?: (order: { id: string; desc: boolean } | null) => void;
}

/**
 * The app's tables: Grafana's InteractiveTable (sorting from header buttons that report
 * `aria-sort`, paging with Grafana's Pagination), named for screen readers, with the options
 * newer Grafana versions add passed through so the same bundle behaves as well as each version allows.
 */
export function AppTable<T extends object>({
  label,
  columns,
  data,
  getRowId,
  initialSort,
  pageSize = 0,
  onSort,
}: AppTableProps<T>) {
  const fetchData = useSortReports(onSort);
  // Props the 10.4 declarations lack; older versions ignore them. The sort is memo-stable via `initialSort`'s fields.
  const newer = {
    initialSortBy: initialSort ? [initialSort] : [],
    // 12.x keeps the page when the rows change unless told; a filter must start again at page one, as 10.4 does.
    autoResetPage: true,
  };
  return (
    <div role="region" aria-label={label}>
      <InteractiveTable<T>
        columns={columns}
        data={data}
        getRowId={getRowId}
        pageSize={pageSize}
        fetchData={fetchData}
        {...newer}
      />
    </div>
  );
}

/**
 * InteractiveTable's `fetchData` for `onSort`, or undefined (the table sorts itself). Stable, as
 * InteractiveTable asks. Its first report is the table's initial state, not a choice: 10.4 has
 * no initial sort and would report none over the order the caller started from.
 */
function useSortReports<T extends object>(onSort: AppTableProps<T>['onSort']): FetchDataFunc<T> | undefined {
  const latest = useRef(onSort);
  useEffect(() => {
    latest.current = onSort;
  }, [onSort]);
  const initial = useRef(true);
  const report = useCallback<FetchDataFunc<T>>(({ sortBy }) => {
    if (initial.current) {
      initial.current = false;
      return;
    }
    latest.current?.(sortBy[0] ? { id: sortBy[0].id, desc: Boolean(sortBy[0].desc) } : null);
  }, []);
  return onSort ? report : undefined;
}
