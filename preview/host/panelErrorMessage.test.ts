import { LoadingState } from '@grafana/data';

import { panelErrorMessage } from './panelErrorMessage';

describe('panelErrorMessage', () => {
  it.each([
    ['one error in errors', { state: LoadingState.Error, errors: [{ message: 'GitLab has no URL' }] }, 'GitLab has no URL'],
    ['several errors', { state: LoadingState.Error, error: { message: 'first' }, errors: [{ message: 'first' }, { message: 'second' }] }, 'Multiple errors found. Click for more details'],
    ['only error', { state: LoadingState.Error, error: { message: 'timeout' } }, 'timeout'],
    ['an error left on data that is Done', { state: LoadingState.Done, error: { message: 'old' } }, undefined],
  ])('%s', (_name, data, expected) => {
    expect(panelErrorMessage(data)).toBe(expected);
  });
});
