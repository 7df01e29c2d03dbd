// Rendering replies for platforms: plain text or markdown in pieces that fit a platform's size limit,
// split between blocks (items stay whole), and made inert where the platform would read markup. Every
// platform's text (replies, digests, alerts, robot payloads) passes the one redaction here.
import { redact } from '../log.ts';
import { renderBlock, splitRendered } from './reply.ts';
import { type Block, type Reply } from '../model/reply.ts';

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

/** How a platform's markdown breaks lines: DingTalk needs "  \n" inside a block and a blank line between blocks. */
export interface MarkdownStyle {
  /** Between the lines of one block. */
  lineBreak: string;
  /** Between blocks. */
  blockBreak: string;
}

export const PLAIN_LINES: MarkdownStyle = { lineBreak: '\n', blockBreak: '\n' };

/** Markdown's marks in document and user text, and the full-width look-alikes that show the same and format nothing. */
const MARKDOWN_MARKS: Readonly<Record<string, string>> = {
  '*': '＊',
  _: '＿',
  '~': '～',
  '`': '｀',
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
  '#': '＃',
  '|': '｜',
  '\\': '＼',
};

/** Text that can neither format, link, mention a person (<at>, <@id>) nor address everyone. */
export function markdownInert(text: string): string {
  return inert(text.replace(/[*_~`[\]<>#|\\]/g, (c) => MARKDOWN_MARKS[c] ?? c));
}

/** One block as markdown: headings and item numbers bold, detail lines indented under their item. */
export function renderMarkdownBlock(block: Block, style: MarkdownStyle): string {
  switch (block.type) {
    case 'heading':
      return `**${markdownInert(block.text)}**`;
    case 'paragraph':
      return markdownInert(block.text).split('\n').join(style.lineBreak);
    case 'hint':
      return `👉 ${markdownInert(block.text)}`;
    case 'item': {
      const [first = '', ...rest] = block.lines.map(markdownInert);
      // Markdown drops leading spaces: an ideographic space indents the detail lines.
      return [`**${block.n}.** ${first}`, ...rest.map((l) => `\u3000${l}`)].join(style.lineBreak);
    }
  }
}

/** Markdown messages of a reply, each within the limit. */
export function markdownMessages(reply: Pick<Reply, 'blocks'>, limit: Limit, style: MarkdownStyle = PLAIN_LINES): string[] {
  return splitRendered(
    reply.blocks.map((b) => redact(renderMarkdownBlock(b, style))),
    limit.max,
    limit.size,
    style.blockBreak,
  );
}

/** A reply with the file replaced by where to get it: for platforms (or modes) that cannot send files. */
export function withoutFile(reply: Reply): Reply {
  if (!reply.file) return reply;
  const { file, ...rest } = reply;
  return file.instead ? { ...rest, blocks: [...rest.blocks, { type: 'paragraph', text: file.instead }] } : rest;
}
