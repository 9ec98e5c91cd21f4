import { ServiceKeys } from './types';

/**
 * What the change failure rate is over, in words: "12 changes (10 deploys and 2 flag
 * changes)", or "10 deploys" when no flag changed, so every page says the same.
 *
 * @example
 * changesText(computeKeys(deploys, range)) // '12 changes (10 deploys and 2 flag changes)'
 */
export function changesText(keys: ServiceKeys): string {
  const deploys = `${keys.deploys} deploy${keys.deploys === 1 ? '' : 's'}`;
  return keys.flagChanges
    ? `${keys.changes} changes (${deploys} and ${keys.flagChanges} flag change${keys.flagChanges === 1 ? '' : 's'})`
    : deploys;
}
