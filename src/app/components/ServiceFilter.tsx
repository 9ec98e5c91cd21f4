import React, { useState } from 'react';
import { locationService } from '@grafana/runtime';
import { Input, useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { getStyles } from './styles';
import { AppLocation } from './useAppLocation';

/** The query parameter that keeps the filter, so Back from a service's page and a reload keep it too. */
const FILTER_PARAM = 'filter';

/**
 * A services filter kept in the address: read from it at mount, written to it replacing the
 * entry (a history step per keystroke would make Back useless).
 */
export function useServiceFilter(location: AppLocation): [string, (filter: string) => void] {
  const [filter, setFilter] = useState(() => new URLSearchParams(location.search ?? '').get(FILTER_PARAM) ?? '');
  const change = (next: string) => {
    setFilter(next);
    locationService.partial({ [FILTER_PARAM]: next || null }, true);
  };
  return [filter, change];
}

/** Whether a service's name holds the filter, case aside; every service for an empty filter. */
export function matchesFilter(service: string, filter: string): boolean {
  return service.toLowerCase().includes(filter.trim().toLowerCase());
}

/** The filter box and how many services it leaves, said to screen readers as a status. */
export function ServiceFilter({ filter, onChange, shown, total }: { filter: string; onChange: (filter: string) => void; shown: number; total: number }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.toolbar}>
      <div>
        <Input
          data-testid={TEST_IDS.filter}
          aria-label="Filter services"
          placeholder="Filter services"
          width={30}
          value={filter}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      </div>
      <span className={styles.secondary} role="status">
        {shown} of {total} services
      </span>
    </div>
  );
}
