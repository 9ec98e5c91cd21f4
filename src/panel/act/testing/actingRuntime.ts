/**
 * `@grafana/runtime` as acting tests need it: an Editor, app settings that name no acting role
 * (Editors may act), and every datasource answering with `datasource()` (read when asked, so a
 * test's mocks may be declared after the module mock is hoisted).
 *
 * @example
 * jest.mock('@grafana/runtime', () => actingRuntime(() => ({ turnFlagOff })));
 */
export function actingRuntime(datasource: (ref: unknown) => unknown) {
  return {
    ...jest.requireActual('@grafana/runtime'),
    config: { bootData: { user: { orgRole: 'Editor' } } },
    getBackendSrv: () => ({ get: async () => ({ jsonData: {} }) }),
    getDataSourceSrv: () => ({ get: async (ref: unknown) => datasource(ref) }),
  };
}
