/** data-testid values of the datasource's editors, shared by component and browser tests. */
export const TEST_IDS = {
  configSection: (source: string) => `data-testid safedeploy-config-${source}`,
  queryEditor: 'data-testid safedeploy-query-editor',
  variableEditor: 'data-testid safedeploy-variable-editor',
};
