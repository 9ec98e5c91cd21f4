// The signed-in user's organisation role in the preview host. Grafana knows it from the
// session; the host takes it from `?role=Viewer|Editor|Admin` on a page load, keeps it in a
// cookie for the requests that page makes (the data proxy checks it), and defaults to Viewer.
// It is a host for trying and testing the plugins: anyone who reaches it picks a role.

export const ORG_ROLES = ['Viewer', 'Editor', 'Admin'];
export const ROLE_COOKIE = 'safedeploy_preview_role';
const DEFAULT_ROLE = 'Viewer';

function cookieRole(header) {
  for (const part of String(header ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === ROLE_COOKIE && ORG_ROLES.includes(value)) {
      return value;
    }
  }
  return null;
}

/**
 * The role of a request: the `role` query parameter when valid (and a `Set-Cookie` that
 * keeps it for the page's requests), else the cookie's, else Viewer.
 *
 * @returns {{ role: string, setCookie: string | null }}
 */
export function sessionRole(req, url) {
  const asked = url.searchParams.get('role');
  if (ORG_ROLES.includes(asked)) {
    return { role: asked, setCookie: `${ROLE_COOKIE}=${asked}; Path=/; SameSite=Strict; HttpOnly` };
  }
  return { role: cookieRole(req.headers.cookie) ?? DEFAULT_ROLE, setCookie: null };
}

/**
 * True when `role` includes `required`, as Grafana ranks org roles (Admin includes Editor,
 * Editor includes Viewer; `pkg/services/org`, `RoleType.Includes`). An unknown `required`
 * (Grafana: `ReqRole.IsValid()` false) asks for nothing.
 */
export function roleIncludes(role, required) {
  const want = ORG_ROLES.indexOf(required);
  return want < 0 || ORG_ROLES.indexOf(role) >= want;
}
