import { actRoleOf, DEFAULT_ACT_ROLE, ORG_ROLES, roleIncludes } from './roles';

describe('roleIncludes', () => {
  it('ranks the roles as Grafana does: each includes those below it and none above', () => {
    const table = ORG_ROLES.map((user) => ORG_ROLES.map((required) => roleIncludes(user, required)));
    expect(table).toStrictEqual([
      [true, false, false],
      [true, true, false],
      [true, true, true],
    ]);
  });

  it.each([undefined, null, '', 'None', 'admin', 'Owner'])('gives an unknown role (%p) nothing', (role) => {
    expect(ORG_ROLES.some((required) => roleIncludes(role, required))).toBe(false);
  });
});

describe('actRoleOf', () => {
  it('keeps Editor and Admin, and defaults anything else (Viewer included) to Editor', () => {
    expect(DEFAULT_ACT_ROLE).toBe('Editor');
    expect(['Editor', 'Admin', 'Viewer', undefined, 7].map(actRoleOf)).toStrictEqual(['Editor', 'Admin', 'Editor', 'Editor', 'Editor']);
  });
});
