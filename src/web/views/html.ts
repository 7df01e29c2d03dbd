// The HTML helper the views write with (Hono's: every interpolated value is escaped unless it is
// already HTML), and the type of a piece of a page.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export { html, raw };
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Joins pieces without a separator (html`` joins arrays the same way; this names the intent). */
export const join = (parts: readonly Html[]): Html => html`${parts}`;
