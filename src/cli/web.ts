// `web-link [--as platform:userId] [--json]`: a one-time sign-in link to the web 台账, for the operator
// (the default) or for a person the bot knows as an admin or bound staff. It signs the link with the
// key beside the store and writes nothing, so it works while the server owns the store.
import { loadConfig } from '../config.ts';
import { webAccess } from '../core/roles.ts';
import { UsageError, WebError } from '../errors.ts';
import type { Actor } from '../model/records.ts';
import { CHAT_KEY } from '../reminders/subscriptions.ts';
import { openStore } from '../app/bootstrap.ts';
import { cliText } from '../texts/cli.ts';
import { shanghaiDate, shanghaiTime } from '../time.ts';
import { linkKeyPath, loadLinkKey } from '../web/auth/link-key.ts';
import { SignInLinks } from '../web/auth/links.ts';

export interface WebLinkIo {
  out: (line: string) => void;
  now: () => Date;
  env: NodeJS.ProcessEnv;
}

/** The operator at the machine, as the CLI's other commands are. */
const OPERATOR: Actor = { platform: 'cli', userId: 'cli', name: cliText.webLinkOperator };

function personOf(as: string | undefined): Actor {
  if (as === undefined) return OPERATOR;
  if (!CHAT_KEY.test(as)) throw new UsageError(cliText.webLinkBadAs(as));
  const at = as.indexOf(':');
  return { platform: as.slice(0, at), userId: as.slice(at + 1) };
}

export async function commandWebLink(values: { as?: string; json?: boolean }, io: WebLinkIo): Promise<void> {
  const config = loadConfig(io.env);
  if (!config.web.enabled) throw new WebError(cliText.webLinkOff);
  const now = io.now();
  let person = personOf(values.as);
  if (values.as !== undefined) {
    // Only read (the server may own the store): who is bound, and under what name.
    const { store } = await openStore(config.storePath, config.seedsDir, now, { readOnly: true });
    try {
      const bindings = store.data.bindings;
      if (!webAccess(person, config.admins, bindings)) throw new WebError(cliText.webLinkDenied(values.as));
      const bound = bindings.find((b) => b.user.platform === person.platform && b.user.userId === person.userId && b.user.name);
      person = { ...person, name: bound?.user.name };
    } finally {
      await store.close();
    }
  }
  const links = new SignInLinks(await loadLinkKey(linkKeyPath(config.storePath)), config.web.publicUrl);
  const link = links.issue(person, now);
  const until = `${shanghaiDate(link.expiresAt)} ${shanghaiTime(link.expiresAt)}`;
  if (values.json) io.out(JSON.stringify({ url: link.url, expiresAt: link.expiresAt.toISOString(), as: `${person.platform}:${person.userId}` }));
  else io.out(cliText.webLink(link.url, person.name ?? `${person.platform}:${person.userId}`, until));
}
