import { useMemo } from 'react';
import { config } from '@grafana/runtime';

import { userTimeZone } from '../userTimeZone';

/** The zone the pages show times in: the signed-in user's Grafana preference (see `userTimeZone`). */
export function useTimeZone(): string {
  return useMemo(() => userTimeZone(config.bootData?.user?.timezone, Intl.DateTimeFormat().resolvedOptions().timeZone), []);
}
