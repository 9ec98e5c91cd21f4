import { DoraKey } from './types';

/**
 * What each key is called on the pages. DORA's lead time for changes starts at the commit;
 * the providers give each shipped change's merge time only (GitHub pull requests' `mergedAt`,
 * GitLab merge requests' `merged_at`, CDEvents `change.merged`), so the figure is named merge
 * to deploy: never longer than DORA's, so its band is the best the service can have.
 */
export const DORA_KEY_NAME: Record<DoraKey, string> = {
  [DoraKey.DeploymentFrequency]: 'Deployment frequency',
  [DoraKey.LeadTime]: 'Lead time for changes (merge to deploy)',
  [DoraKey.ChangeFailureRate]: 'Change failure rate',
  [DoraKey.TimeToRestore]: 'Time to restore',
};

/** Why the lead time band is an upper bound, said wherever the bands are explained. */
export const LEAD_TIME_NOTE =
  'Lead time is measured from the merge of each change, not from its first commit as DORA measures it, so it is never longer than DORA’s and its band is the best the service can have';
