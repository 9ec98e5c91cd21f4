export type { FlagChange, ServiceDeploy, ServiceKeys } from '../../dora/types';

export enum DoraKey {
  DeploymentFrequency = 'deploymentFrequency',
  LeadTime = 'leadTime',
  ChangeFailureRate = 'changeFailureRate',
  TimeToRestore = 'timeToRestore',
}

export enum DoraBand {
  Elite = 'elite',
  High = 'high',
  Medium = 'medium',
  Low = 'low',
}
