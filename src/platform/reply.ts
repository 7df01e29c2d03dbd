// Rendering the reply model as plain text (shared by the console, the CLI and WeChat), and splitting
// it into messages under a platform's size limit. Splitting keeps items whole.
import { redact } from '../log.ts';
import type { Block, Reply } from '../model/reply.ts';

export function renderBlock(block: Block): string {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return block.text;
    case 'hint':
      return `👉 ${block.text}`;
    case 'item':
      return [`${block.n}. ${block.lines[0] ?? ''}`, ...block.lines.slice(1).map((l) => `   ${l}`)].join('\n');
  }
}

/** The reply as one plain text (console, CLI), through the one redaction. */
export function renderPlain(reply: Pick<Reply, 'blocks'>): string {
  return redact(reply.blocks.map(renderBlock).join('\n'));
}

/**
 * Splits rendered blocks into messages no longer than `limit` as measured by `size` (characters,
 * or UTF-8 bytes for robots), never inside a block unless one block alone is too long. Blocks are
 * joined by `separator` (a blank line where a platform's markdown needs one).
 */
export function splitRendered(parts: readonly string[], limit: number, size: (s: string) => number = (s) => s.length, separator = '\n'): string[] {
  const messages: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current) messages.push(current);
    current = '';
  };
  for (const part of parts) {
    const joined = current ? `${current}${separator}${part}` : part;
    if (size(joined) <= limit) {
      current = joined;
      continue;
    }
    flush();
    if (size(part) <= limit) {
      current = part;
      continue;
    }
    let piece = '';
    for (const ch of part) {
      if (size(piece + ch) > limit) {
        messages.push(piece);
        piece = '';
      }
      piece += ch;
    }
    current = piece;
  }
  flush();
  return messages;
}

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
