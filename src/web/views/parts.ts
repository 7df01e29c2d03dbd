// Small pieces the pages share: the CSRF field every form carries, status badges, breadcrumbs, times
// in Beijing time, and a task as a line of a list.
import type { Status } from '../../ledger/status.ts';
import { STATUS_LABEL } from '../../ledger/status.ts';
import type { Actor, LedgerEvent } from '../../model/records.ts';
import type { Task, UnitRole } from '../../model/task.ts';
import { clip, deadlineLabel, unitsLabel } from '../../texts/format.ts';
import { ledgerText } from '../../texts/ledger.ts';
import { webText } from '../../texts/web.ts';
import { shanghaiDateTime } from '../../time.ts';
import { CSRF_FIELD } from '../auth/csrf.ts';
import { paths } from '../paths.ts';
import { html, type Html } from './html.ts';

/** How much of a requirement a list line shows (the task page shows all). */
export const LIST_CLIP = 60;
/** How much of the units a list line shows. */
const UNITS_CLIP = 48;

export const csrfField = (token: string): Html => html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;

export const badge = (status: Status): Html => html`<span class="badge ${status}">${STATUS_LABEL[status]}</span>`;

export const roleTag = (role: UnitRole): Html => html`<span class="role">${webText.roleName(role)}</span>`;

/** "2022-06-10 10:00" in Asia/Shanghai. */
export const dateTime = (iso: string): string => shanghaiDateTime(new Date(iso));

export const actorName = (a: Actor): string => a.name ?? `${a.platform}:${a.userId}`;

export function crumbs(items: ReadonlyArray<{ href?: string; label: string }>): Html {
  return html`<nav aria-label="${webText.crumbsLabel}"><p class="crumbs">${items.map((item, i) => html`${i ? ' › ' : ''}${item.href ? html`<a href="${item.href}">${item.label}</a>` : item.label}`)}</p></nav>`;
}

export function lastLine(last: LedgerEvent | undefined): Html {
  if (!last) return html`<span class="meta">${webText.noProgress}</span>`;
  const note = last.note || ledgerText.action[last.action];
  return html`<span class="meta">${webText.lastProgress(clip(note, LIST_CLIP), actorName(last.by), dateTime(last.at))}</span>`;
}

export interface TaskLine {
  task: Task;
  status: Status;
  /** Extra words after the deadline: "逾期 12 天", "还剩 3 天". */
  note?: Html | string;
  roles?: readonly UnitRole[];
  last?: LedgerEvent | undefined;
  /** Show the last progress line (unit pages). */
  showLast?: boolean;
}

export function taskLine(line: TaskLine): Html {
  const { task } = line;
  return html`<li>${line.roles?.length ? line.roles.map(roleTag) : ''}<a href="${paths.task(task.id)}">${clip(task.requirement, LIST_CLIP)}</a> ${badge(line.status)}
<span class="meta">${webText.dueLabel(deadlineLabel(task))}${line.note ? html` · ${line.note}` : ''} · ${clip(unitsLabel(task), UNITS_CLIP)}</span>${line.showLast ? lastLine(line.last) : ''}</li>`;
}

export function taskList(lines: readonly TaskLine[], options: { red?: boolean; empty: string; max?: number }): Html {
  if (!lines.length) return html`<p class="muted">${options.empty}</p>`;
  const shown = options.max === undefined ? lines : lines.slice(0, options.max);
  const more = lines.length - shown.length;
  return html`<ul class="tasks${options.red ? ' red' : ''}">${shown.map(taskLine)}</ul>${more > 0 ? html`<p class="muted">${webText.listMore(more)}</p>` : ''}`;
}
