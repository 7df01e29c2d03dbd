// The reply model: structured blocks that every platform renders its own way. Answers, digests and
// the web build these; `platform/` renders them.
import type { Task } from './task.ts';

export type Intent =
  | 'help'
  | 'unit-tasks'
  | 'due'
  | 'detail'
  | 'more'
  | 'related'
  | 'search'
  | 'stats'
  | 'region'
  | 'subscribe'
  | 'bind'
  | 'ledger'
  | 'sign-in'
  | 'denied'
  | 'refuse'
  | 'fallback'
  | 'error';

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  /** A numbered task: the first line, then detail lines. */
  | { type: 'item'; n: number; lines: string[] }
  | { type: 'hint'; text: string };

export interface Reply {
  intent: Intent;
  /**
   * A file to send along, where the platform allows (the exported ledger); `instead` says where to get
   * it on platforms that cannot send files.
   */
  file?: { name: string; data: Uint8Array; instead?: string };
  blocks: Block[];
  /** Every task the answer lists, in order (not only the page shown). */
  tasks: Task[];
  /** Tasks that bind a unit through a collective (县政府各部门…), listed apart. */
  related: Task[];
}
