// Rendering replies for platforms: plain text in pieces that fit a platform's size limit, split
// between blocks (items stay whole), and made inert where the platform would read markup. Every
// platform's text (replies, digests, alerts, robot payloads) passes the one redaction here.
import { redact } from '../log.ts';
import { renderBlock, splitRendered } from './reply.ts';
import { type Reply } from '../model/reply.ts';

export interface Limit {
  max: number;
  /** How size is measured: characters (Telegram, WeChat) or UTF-8 bytes (WeCom). */
  size?: (s: string) => number;
}

/** Plain-text messages of a reply, each within the limit. */
export function plainMessages(reply: Pick<Reply, 'blocks'>, limit: Limit, transform: (s: string) => string = (s) => s): string[] {
  return splitRendered(reply.blocks.map((b) => transform(redact(renderBlock(b)))), limit.max, limit.size);
}

/** Document and user text must not address everyone in a group: "@所有人" and "@all" lose their @. */
export function inert(text: string): string {
  return text.replace(/[@＠](?=\s*(?:all|所有人|everyone|here)\b|\s*所有人)/gi, '@\u200b');
}
