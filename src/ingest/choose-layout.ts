// The text layouts, and the one that reads a text best (or the reason none does).
import { LayoutError } from '../errors.ts';
import { importReason } from '../texts/ingest.ts';
import type { TextLayout } from './layouts/layout.ts';
import type { ParsedLayout } from './raw-row.ts';
import { numberedProse } from './layouts/numbered-prose.ts';
import { pipeTable } from './layouts/pipe-table.ts';
import { tabCells } from './layouts/tab-cells.ts';
import { tsv } from './layouts/tsv.ts';

export const textLayouts: readonly TextLayout[] = [tabCells, tsv, pipeTable, numberedProse];

/** The layout that reads this text best, or a reason why none does. */
export function chooseLayout(text: string): TextLayout {
  if (!text.trim()) throw new LayoutError(importReason.empty);
  let best: TextLayout | null = null;
  let bestScore = 0;
  for (const layout of textLayouts) {
    const score = layout.score(text);
    if (score > bestScore) {
      best = layout;
      bestScore = score;
    }
  }
  if (!best) throw new LayoutError(importReason.noTaskTable);
  return best;
}

/**
 * A document without a task table (a Word file or a page of numbered prose, units on a line of their
 * own …) read as text by the layout that fits; when none does, `reason` says what was looked for.
 */
export function readAsText(text: string, format: string, reason: string): ParsedLayout {
  let parsed: ParsedLayout;
  try {
    parsed = chooseLayout(text).parse(text);
  } catch (cause) {
    if (cause instanceof LayoutError && cause.message === importReason.noTaskTable) throw new LayoutError(reason, { cause });
    throw cause;
  }
  return { ...parsed, layout: `${format}/${parsed.layout}` };
}
