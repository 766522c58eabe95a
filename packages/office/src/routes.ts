/** @module The console's pages: its addresses under /office/ and what they show. */

export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'inbox'; readonly department: string }
  | { readonly page: 'cases'; readonly department: string; readonly due: 'soon' | 'overdue' }
  | { readonly page: 'case'; readonly caseNumber: string }
  | { readonly page: 'late-notice'; readonly caseNumber: string }
  | { readonly page: 'item'; readonly department: string; readonly registryNumber: string }
  | { readonly page: 'chancellery-new' }
  | { readonly page: 'label'; readonly registryNumber: string }
  | { readonly page: 'register' }
  | { readonly page: 'desk' }
  | { readonly page: 'enrol' }
  | { readonly page: 'admin'; readonly section: AdminSection }
  | { readonly page: 'officers'; readonly department: string }
  | { readonly page: 'overview'; readonly department: string }
  | { readonly page: 'not-found' };

/** The administrator's screens: the audit log, the departments, the failed hand-offs. */
export type AdminSection = 'audit' | 'departments' | 'hand-offs';

const DEPARTMENT = '([A-Z][A-Z0-9]{0,9})';

/** The page at a path of the console. */
export function routeOf(path: string): Route {
  let m: RegExpMatchArray | null;
  if (path === '/office/' || path === '/office') return { page: 'home' };
  if ((m = path.match(new RegExp(`^/office/departments/${DEPARTMENT}/inbox$`))))
    return { page: 'inbox', department: m[1]! };
  if ((m = path.match(new RegExp(`^/office/departments/${DEPARTMENT}/cases/(due-soon|overdue)$`))))
    return { page: 'cases', department: m[1]!, due: m[2] === 'due-soon' ? 'soon' : 'overdue' };
  if ((m = path.match(new RegExp(`^/office/departments/${DEPARTMENT}/items/([^/]{1,128})$`))))
    return { page: 'item', department: m[1]!, registryNumber: decodeURIComponent(m[2]!) };
  if ((m = path.match(/^\/office\/cases\/([^/]{1,64})$/)))
    return { page: 'case', caseNumber: decodeURIComponent(m[1]!) };
  if ((m = path.match(/^\/office\/cases\/([^/]{1,64})\/late-notice$/)))
    return { page: 'late-notice', caseNumber: decodeURIComponent(m[1]!) };
  if ((m = path.match(new RegExp(`^/office/departments/${DEPARTMENT}/(officers|overview)$`))))
    return { page: m[2] === 'officers' ? 'officers' : 'overview', department: m[1]! };
  if (path === '/office/chancellery/new') return { page: 'chancellery-new' };
  if ((m = path.match(/^\/office\/chancellery\/labels\/([^/]{1,128})$/)))
    return { page: 'label', registryNumber: decodeURIComponent(m[1]!) };
  if (path === '/office/register') return { page: 'register' };
  if (path === DESK_PATH) return { page: 'desk' };
  if (path === ENROL_PATH) return { page: 'enrol' };
  if (path === '/office/admin') return { page: 'admin', section: 'audit' };
  if ((m = path.match(/^\/office\/admin\/(audit|departments|hand-offs)$/)))
    return { page: 'admin', section: m[1] as AdminSection };
  return { page: 'not-found' };
}

export const inboxPath = (department: string): string => `/office/departments/${department}/inbox`;
export const casesPath = (department: string, due: 'soon' | 'overdue'): string =>
  `/office/departments/${department}/cases/${due === 'soon' ? 'due-soon' : 'overdue'}`;
export const officersPath = (department: string): string => `/office/departments/${department}/officers`;
export const overviewPath = (department: string): string => `/office/departments/${department}/overview`;
export const casePath = (caseNumber: string): string => `/office/cases/${encodeURIComponent(caseNumber)}`;
export const lateNoticePath = (caseNumber: string): string => `${casePath(caseNumber)}/late-notice`;

/** An item's page: its register number, slashes and all, is one segment of the path. */
export const itemPath = (department: string, registryNumber: string): string =>
  `/office/departments/${department}/items/${encodeURIComponent(registryNumber)}`;

export const NEW_ITEM_PATH = '/office/chancellery/new';
export const REGISTER_PATH = '/office/register';
export const DESK_PATH = '/office/desk';
export const ENROL_PATH = '/office/desk/enrol';
export const adminPath = (section: AdminSection): string => `/office/admin/${section}`;
export const labelPath = (registryNumber: string): string =>
  `/office/chancellery/labels/${encodeURIComponent(registryNumber)}`;

/** Opens a page of the console without reloading it (the shell follows `popstate`). */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** Whether a person's roles open the desk's screens: the desk's own, or a registrar's (desk and chancellery). */
export const isDesk = (roles: readonly string[]): boolean => roles.includes('desk') || roles.includes('registrar');

/** The departments whose inbox and cases a person's roles open: officer:X and head:X. */
export function departmentsOf(roles: readonly string[]): string[] {
  return [...new Set(roles.filter((r) => /^(officer|head):/.test(r)).map((r) => r.slice(r.indexOf(':') + 1)))].sort();
}

/** The departments a person heads (head:X). */
export function headedBy(roles: readonly string[]): string[] {
  return roles
    .filter((r) => r.startsWith('head:'))
    .map((r) => r.slice(5))
    .sort();
}
