// What the web 台账 is built from: the store, the admins, the link signer, the clock; and what each
// request knows about the person signed in.
import type { Person, WebAccess } from '../core/roles.ts';
import type { Logger } from '../log.ts';
import type { TaskStore } from '../store/task-store.ts';
import type { SignInLinks } from './auth/links.ts';

/** What the web reads and writes of the store. */
export type WebStore = Pick<TaskStore, 'index' | 'data' | 'change' | 'putDocuments'>;

export interface WebDeps {
  store: WebStore;
  /** Admins as "platform:userId" (ZWGK_ADMINS). */
  admins: readonly string[];
  links: SignInLinks;
  /** The clock: pages show "today" in Asia/Shanghai, links and sessions expire by it. */
  now: () => Date;
  logger: Logger;
  /** Cookies are marked Secure when people reach the 台账 over https (behind the TLS proxy). */
  secureCookies: boolean;
}

/** The person signed in, on every request past the sign-in guard. */
export interface Viewer {
  person: Person;
  access: WebAccess;
  /** The session's id (the hash of its token). */
  sessionId: string;
  /** The token every form of this session carries. */
  csrf: string;
}

export interface WebEnv {
  Variables: { viewer: Viewer };
}
