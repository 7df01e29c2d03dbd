// The contract of a text layout: how sure it is that a text is its kind, and how to read it.
import type { ParsedLayout } from '../raw-row.ts';

export interface TextLayout {
  name: string;
  /** 0 when the text is not of this layout; higher is surer. Never throws. */
  score(text: string): number;
  parse(text: string): ParsedLayout;
}
