import React from 'react';
import { Field, Input, Text, useStyles2 } from '@grafana/ui';

import { ReadinessThresholds, STRICT_THRESHOLDS } from '../types';
import { getStyles } from './styles';

const HOUR = 3_600_000;

/** Thresholds as shown in the form: percent and minutes are what people think in. */
const THRESHOLD_FIELDS: Array<{ key: keyof ReadinessThresholds; label: string; scale: number; unit: string }> = [
  { key: 'minDeploys', label: 'Minimum deploys in the range', scale: 1, unit: 'deploys' },
  { key: 'maxChangeFailureRate', label: 'Change failure rate under', scale: 100, unit: '%' },
  { key: 'maxMedianTimeToRestoreMs', label: 'Median time to restore under', scale: 60 / HOUR, unit: 'minutes' },
  { key: 'maxMedianChangesPerDeploy', label: 'Median changes per deploy at most', scale: 1, unit: 'changes' },
  { key: 'maxPagesPerWeek', label: 'Firing alerts per week at most', scale: 1, unit: 'alerts' },
  { key: 'warrantyDays', label: 'Warranty period', scale: 1, unit: 'days' },
];

/** Why a threshold cannot be saved as it is, or null: nothing is under 0, so every service would fail. */
export function thresholdProblem(key: keyof ReadinessThresholds, value: number): string | null {
  return value === 0 && STRICT_THRESHOLDS.includes(key) ? 'Above 0: no value is under 0, so every service would fail' : null;
}

interface Props {
  thresholds: ReadinessThresholds;
  onThresholdsChange: (t: ReadinessThresholds) => void;
  alertLabel: string;
  onAlertLabelChange: (label: string) => void;
}

/** The readiness review's thresholds, and the alert label that names a service. A negative or non-numeric entry is not taken. */
export function ThresholdsConfig({ thresholds, onThresholdsChange, alertLabel, onAlertLabelChange }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.section}>
      <Text element="h3">Readiness thresholds</Text>
      {THRESHOLD_FIELDS.map((f) => (
        <Field key={f.key} label={`${f.label} (${f.unit})`} invalid={thresholdProblem(f.key, thresholds[f.key]) !== null} error={thresholdProblem(f.key, thresholds[f.key])}>
          <Input
            type="number"
            min={0}
            aria-label={f.label}
            width={16}
            value={Math.round(thresholds[f.key] * f.scale * 100) / 100}
            onChange={(e) => {
              const v = Number(e.currentTarget.value);
              if (Number.isFinite(v) && v >= 0) {
                onThresholdsChange({ ...thresholds, [f.key]: v / f.scale });
              }
            }}
          />
        </Field>
      ))}
      <Field label="Alert label naming the service" description="Pager load counts alerts from Grafana alerting's state history carrying this label.">
        <Input aria-label="Alert service label" width={20} value={alertLabel} onChange={(e) => onAlertLabelChange(e.currentTarget.value)} />
      </Field>
    </section>
  );
}
