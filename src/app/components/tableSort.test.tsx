import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { Column, InteractiveTable } from '@grafana/ui';

import { tableSort } from './tableSort';

interface Item {
  name: string;
  value: number | null;
}

/** Empty values last and ties by name, whatever the direction: what the overview promises. */
const byValueEmptyLast = (direction: 'asc' | 'desc') => (a: Item, b: Item) => {
  if (a.value === null || b.value === null) {
    return a.value === b.value ? a.name.localeCompare(b.name) : a.value === null ? 1 : -1;
  }
  return a.value === b.value ? a.name.localeCompare(b.name) : (direction === 'asc' ? 1 : -1) * (a.value - b.value);
};

const COLUMNS: Array<Column<Item>> = [
  { id: 'name', header: 'Name' },
  { id: 'value', header: 'Value', sortType: tableSort(byValueEmptyLast) },
];

const ITEMS: Item[] = [
  { name: 'web', value: 0.2 },
  { name: 'none', value: null },
  { name: 'checkout', value: 0.5 },
  { name: 'api', value: 0.2 },
];

const names = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0].textContent);

describe('tableSort', () => {
  it('keeps empty values last and ties by name in both directions in Grafana’s InteractiveTable', () => {
    render(<InteractiveTable columns={COLUMNS} data={ITEMS} getRowId={(r) => r.name} />);
    const header = screen.getByRole('button', { name: /Value/ });
    fireEvent.click(header);
    expect(screen.getByRole('columnheader', { name: /Value/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(names()).toStrictEqual(['api', 'web', 'checkout', 'none']);
    fireEvent.click(header);
    expect(screen.getByRole('columnheader', { name: /Value/ })).toHaveAttribute('aria-sort', 'descending');
    expect(names()).toStrictEqual(['checkout', 'api', 'web', 'none']);
  });
});
