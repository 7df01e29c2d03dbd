// What the core needs to hand out sign-in links of the web 台账 ("登录台账" in a private chat). The web
// layer implements it; the app wires it in; without it (ZWGK_WEB=off) the bot says the web is off.
import type { Person } from './roles.ts';

export interface SignInLink {
  url: string;
  expiresAt: Date;
}

export interface SignInIssuer {
  /** A one-time link for the person; it says nothing about whether they will be let in. */
  issue(person: Pick<Person, 'platform' | 'userId' | 'name'>, now: Date): SignInLink;
}
