import { LoadingState, PanelData } from '@grafana/data';

/**
 * What a panel's header error corner says, as Grafana's PanelStateWrapper sets it
 * (public/app/features/dashboard/dashgrid/PanelStateWrapper.tsx, `onDataUpdate`, v10.4.0): only
 * in the Error state; the one error's message, "Multiple errors found. Click for more details"
 * for several, else the error's message.
 *
 * @example
 * panelErrorMessage({ state: LoadingState.Error, errors: [{ message: 'a' }, { message: 'b' }] }) // 'Multiple errors found. Click for more details'
 */
export function panelErrorMessage(data: Pick<PanelData, 'state' | 'error' | 'errors'>): string | undefined {
  if (data.state !== LoadingState.Error) {
    return undefined;
  }
  if (data.errors?.length) {
    return data.errors.length === 1 ? data.errors[0].message : 'Multiple errors found. Click for more details';
  }
  return data.error?.message;
}
