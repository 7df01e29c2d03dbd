// Who may change what. Identity is the platform user id, never the display name. Deny by default:
// admins (from the configuration) may do everything; unit staff (bound to a unit in a chat by an
// admin) may record progress on that unit's tasks; everyone else reads.
import type { Task } from '../model/task.ts';
import { unitRoles } from '../model/task.ts';
import { unitKey } from '../model/unit-names.ts';
import type { Binding } from '../model/records.ts';

/** 'export': the whole ledger of a region (it names staff); a unit's staff get their unit's rows apart. */
export type Action = 'subscribe' | 'bind' | 'region' | 'import' | 'progress' | 'export';

export interface Person {
  platform: string;
  userId: string;
  /** Shown in the ledger; never used to decide anything. */
  name?: string;
  chat: string;
}

/** The console and the command line are the operator at the machine. */
const LOCAL_PLATFORMS = new Set(['console', 'cli']);

export function isAdmin(person: Person, admins: readonly string[]): boolean {
  return LOCAL_PLATFORMS.has(person.platform) || admins.includes(`${person.platform}:${person.userId}`);
}

/**
 * The units a person is staff of. An admin binds them in a group, but the person is that unit's staff
 * wherever they write from (a private chat with the bot too): identity is the platform user id.
 */
export function staffUnits(person: Person, bindings: readonly Binding[]): Binding[] {
  return bindings.filter((b) => b.user.platform === person.platform && b.user.userId === person.userId);
}

/** Whether the person may take the action (on the task, for progress). */
export function may(action: Action, person: Person, admins: readonly string[], bindings: readonly Binding[], task?: Task): boolean {
  if (isAdmin(person, admins)) return true;
  if (action !== 'progress' || !task) return false;
  const units = new Set(unitRoles.flatMap((r) => task[r]).map(unitKey));
  return staffUnits(person, bindings).some((b) => b.region === task.region && units.has(b.unitKey));
}

/** Who may use the web 台账: admins (everything) and unit staff (see all, change their unit's tasks). */
export type WebAccess = 'admin' | 'staff';

/** The person's access to the web 台账, or null: readers do not get in (deny by default). */
export function webAccess(person: Pick<Person, 'platform' | 'userId'>, admins: readonly string[], bindings: readonly Binding[]): WebAccess | null {
  const p = { ...person, chat: '' };
  if (isAdmin(p, admins)) return 'admin';
  return staffUnits(p, bindings).length ? 'staff' : null;
}
