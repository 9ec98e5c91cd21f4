import { SortByFn } from '@grafana/ui';

/**
 * A column sort for Grafana's InteractiveTable from a comparator that already knows the
 * direction. InteractiveTable (react-table) asks for the ascending order and negates it when
 * sorting descending, which would also turn "empty values last" and "ties by name" around;
 * negating first keeps them as the comparator says in both directions.
 *
 * @example
 * { id: 'deploys', sortType: tableSort((dir) => compareServices(SortKey.Deploys, dir)) }
 */
export function tableSort<T extends object>(compare: (direction: 'asc' | 'desc') => (a: T, b: T) => number): SortByFn<T> {
  return (a, b, _id, desc) => {
    const order = compare(desc ? 'desc' : 'asc')(a.original, b.original);
    return desc ? -order : order;
  };
}
