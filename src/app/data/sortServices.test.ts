import { ServiceHealth } from './loadReleaseHealth';
import { compareServices, SortKey, sortServices } from './sortServices';

/** CONSTRUCTED: only the keys the sort reads. */
const service = (name: string, keys: { changes: number; judged: number; changeFailureRate: number | null; timeToRestoreMedianMs: number | null }) =>
  ({ service: name, keys }) as unknown as ServiceHealth;

describe('sortServices', () => {
  describe('edge cases', () => {
    // A service none of whose changes has a verdict shows "Unknown", but sorted as 0%: first when
    // sorting the change failure rate from the safest, above services judged 0%.
    it('sorts a rate the page shows as Unknown with the services that have none, last both ways', () => {
      const list = [
        service('alpha', { changes: 6, judged: 0, changeFailureRate: 0, timeToRestoreMedianMs: null }),
        service('beta', { changes: 5, judged: 5, changeFailureRate: 0, timeToRestoreMedianMs: null }),
        service('gamma', { changes: 5, judged: 5, changeFailureRate: 0.2, timeToRestoreMedianMs: 600_000 }),
        service('delta', { changes: 0, judged: 0, changeFailureRate: null, timeToRestoreMedianMs: null }),
      ];
      const names = (key: SortKey, direction: 'asc' | 'desc') => sortServices(list, key, direction).map((s) => s.service);
      expect(names(SortKey.ChangeFailureRate, 'asc')).toStrictEqual(['beta', 'gamma', 'alpha', 'delta']);
      expect(names(SortKey.ChangeFailureRate, 'desc')).toStrictEqual(['gamma', 'beta', 'alpha', 'delta']);
    });

    // Rollbacks fail changes with no verdict at all: the page says Unknown for their restore time too.
    it('sorts a time to restore the page shows as Unknown with the services that have none', () => {
      const rolledBack = service('alpha', { changes: 6, judged: 0, changeFailureRate: 1 / 6, timeToRestoreMedianMs: 60_000 });
      const judged = service('beta', { changes: 5, judged: 5, changeFailureRate: 0.2, timeToRestoreMedianMs: 600_000 });
      expect([rolledBack, judged].sort(compareServices(SortKey.TimeToRestore, 'asc')).map((s) => s.service)).toStrictEqual(['beta', 'alpha']);
    });
  });
});
