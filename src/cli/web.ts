// `web-link [--as platform:userId] [--json]`: a one-time sign-in link to the web 台账, for the operator
// (the default) or for a person the bot knows as an admin or bound staff. It signs the link with the
// key beside the store and writes nothing, so it works while the server owns the store.
import { loadConfig } from '../config.ts';
import { webAccess } from '../core/roles.ts';
import { UsageError, WebError } from '../errors.ts';
import type { Actor } from '../model/records.ts';
import { isChatKey } from '../reminders/subscriptions.ts';
import { cliText, commandText } from '../texts/cli.ts';
import { shanghaiDateTime } from '../time.ts';
import { linkKeyPath, loadLinkKey } from '../web/auth/link-key.ts';
import { SignInLinks } from '../web/auth/links.ts';
import type { Command, CommandInput } from './command.ts';
import { withStore } from './store-access.ts';

/** The operator at the machine, as for the CLI's other commands. */
const OPERATOR: Actor = { platform: 'cli', userId: 'cli', name: cliText.webLinkOperator };

/** --as telegram:123456 → the person, or the operator when not given. */
function personOf(as: string | undefined): Actor {
  if (as === undefined) return OPERATOR;
  if (!isChatKey(as)) throw new UsageError(cliText.webLinkBadAs(as));
  const at = as.indexOf(':');
  return { platform: as.slice(0, at), userId: as.slice(at + 1) };
}

/** The person if they may use the web (an admin, or bound staff, named as bound); else refused. */
async function checked(input: CommandInput, person: Actor): Promise<Actor> {
  return withStore(input.io, 'read', async (store, config) => {
    const bindings = store.data.bindings;
    if (!webAccess(person, config.admins, bindings)) throw new WebError(cliText.webLinkDenied(input.values.as ?? ''));
    const bound = bindings.find((b) => b.user.platform === person.platform && b.user.userId === person.userId && b.user.name);
    return { ...person, name: bound?.user.name };
  });
}

async function runWebLink(input: CommandInput): Promise<void> {
  const { values, io } = input;
  const config = loadConfig(io.env);
  if (!config.web.enabled) throw new WebError(cliText.webLinkOff);
  const asked = personOf(values.as);
  const person = values.as === undefined ? asked : await checked(input, asked);
  const links = new SignInLinks(await loadLinkKey(linkKeyPath(config.storePath)), config.web.publicUrl);
  const link = links.issue(person, io.now());
  if (values.json) io.out(JSON.stringify({ url: link.url, expiresAt: link.expiresAt.toISOString(), as: `${person.platform}:${person.userId}` }));
  else io.out(cliText.webLink(link.url, person.name ?? `${person.platform}:${person.userId}`, shanghaiDateTime(link.expiresAt)));
}

export const webCommands = {
  'web-link': { ...commandText['web-link'], run: runWebLink },
} satisfies Record<string, Command>;
