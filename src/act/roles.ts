/** Grafana's organisation roles, lowest first: each includes the ones before it. */
export const ORG_ROLES = ['Viewer', 'Editor', 'Admin'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/**
 * Who may act from the panel. Editor at least: Grafana's data proxy serves the acting routes
 * only to Editors and above (`reqRole` in the datasource's plugin.json), so a lower setting
 * could show a button that the server refuses.
 */
export const ACT_ROLES = ['Editor', 'Admin'] as const;
export type ActRole = (typeof ACT_ROLES)[number];
export const DEFAULT_ACT_ROLE: ActRole = 'Editor';

/**
 * The acting role from saved settings: Editor or Admin, else the default.
 *
 * @example
 * actRoleOf('Admin') // 'Admin'
 * actRoleOf('Viewer') // 'Editor'
 */
export function actRoleOf(value: unknown): ActRole {
  return (ACT_ROLES as readonly unknown[]).includes(value) ? (value as ActRole) : DEFAULT_ACT_ROLE;
}

/**
 * True when a user's organisation role includes `required`, as Grafana ranks them (Admin
 * includes Editor, Editor includes Viewer). Grafana server admins act by their org role.
 * An unknown or missing role (anonymous, None) includes nothing.
 *
 * @example
 * roleIncludes('Admin', 'Editor') // true
 * roleIncludes('Viewer', 'Editor') // false
 */
export function roleIncludes(userRole: unknown, required: OrgRole): boolean {
  const rank = ORG_ROLES.indexOf(userRole as OrgRole);
  return rank >= 0 && rank >= ORG_ROLES.indexOf(required);
}
