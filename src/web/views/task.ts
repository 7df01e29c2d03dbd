// A task's page: its requirement, units, deadline, source document and section; the form to record
// progress (for those who may); and the full audit trail of the ledger, oldest first.
import type { Status } from '../../ledger/status.ts';
import type { LedgerEvent } from '../../model/records.ts';
import type { Task, TaskDocument, UnitRole } from '../../model/task.ts';
import { unitRoles } from '../../model/task.ts';
import { MAX_NOTE_CHARS, type MarkAction } from '../../core/ledger-marks.ts';
import { isDone } from '../../ledger/status.ts';
import { deadlineLabel } from '../../texts/format.ts';
import { ledgerText } from '../../texts/ledger.ts';
import { webText } from '../../texts/web.ts';
import { paths } from '../paths.ts';
import { html, type Html } from './html.ts';
import { badge, crumbs, csrfField, dateTime } from './parts.ts';

export interface TaskPage {
  task: Task;
  document: TaskDocument | undefined;
  status: Status;
  events: readonly LedgerEvent[];
  /** The unit key of each name on the task, to link to the unit pages. */
  unitKey: (name: string) => string;
  /** Whether the viewer may record progress on it. */
  canMark: boolean;
  csrf: string;
  /** The note typed, when the form comes back with an error. */
  note?: string;
}

function units(p: TaskPage, role: UnitRole): Html {
  const names = p.task[role];
  if (!names.length) return html`${webText.noUnits}`;
  return html`${names.map((n, i) => html`${i ? webText.listSep : ''}<a href="${paths.unit(p.task.region, p.unitKey(n), p.task.year)}">${n}</a>`)}`;
}

function facts(p: TaskPage): Html {
  const { task, document: doc } = p;
  const f = webText.facts;
  const d = task.deadline;
  return html`<dl class="facts">
<dt>${f.status}</dt><dd>${badge(p.status)}</dd>
<dt>${f.requirement}</dt><dd>${task.requirement}</dd>
${task.title ? html`<dt>${f.title}</dt><dd>${task.title}</dd>` : ''}
<dt>${f.section}</dt><dd>${task.section.join(' / ') || webText.none}</dd>
${unitRoles.map((role) => html`<dt>${f[role]}</dt><dd>${units(p, role)}</dd>`)}
<dt>${f.deadline}</dt><dd>${deadlineLabel(task)}<br><span class="muted">${webText.deadlineDetail(d.raw, d.due, d.kind, d.stated)}</span></dd>
${task.remarks ? html`<dt>${f.remarks}</dt><dd>${task.remarks}</dd>` : ''}
<dt>${f.source}</dt><dd>${doc ? webText.source(doc.title, doc.docNumber, doc.issuer, doc.sourceFile, dateTime(doc.importedAt)) : webText.none}</dd>
<dt>${f.id}</dt><dd>${task.id}</dd>
</dl>`;
}

/** The actions that make sense now: 签收 before anything, 完成 until done, 撤销完成 once done. */
function actions(events: readonly LedgerEvent[]): MarkAction[] {
  const done = isDone(events);
  return [...(events.length ? [] : (['sign'] as const)), 'progress', done ? 'undone' : 'done'];
}

function markForm(p: TaskPage): Html {
  if (!p.canMark) return html`<p class="muted">${webText.progressDenied}</p>`;
  return html`<form class="stack" method="post" action="${paths.mark(p.task.id)}">${csrfField(p.csrf)}
<div><label for="note">${webText.noteLabel}</label><span class="hint" id="note-hint">${webText.noteHint(MAX_NOTE_CHARS)}</span>
<textarea id="note" name="note" maxlength="${MAX_NOTE_CHARS}" aria-describedby="note-hint">${p.note ?? ''}</textarea></div>
<div class="buttons">${actions(p.events).map((a) => html`<button type="submit" name="action" value="${a}"${a === 'undone' ? html` class="danger"` : a === 'done' ? '' : html` class="secondary"`}>${webText.markButtons[a]}</button>`)}</div></form>`;
}

function audit(events: readonly LedgerEvent[]): Html {
  if (!events.length) return html`<p class="muted">${webText.auditNone}</p>`;
  const c = webText.auditColumns;
  return html`<div class="scroll"><table><caption>${webText.auditCaption}</caption>
<thead><tr><th scope="col">${c.at}</th><th scope="col">${c.action}</th><th scope="col">${c.note}</th><th scope="col">${c.by}</th><th scope="col">${c.via}</th></tr></thead>
<tbody>${events.map(
    (e) =>
      html`<tr><td>${dateTime(e.at)}</td><td>${ledgerText.action[e.action]}</td><td>${e.note}</td><td>${webText.actor(e.by.name, e.by.platform, e.by.userId)}</td><td>${webText.via(e.chat)}</td></tr>`,
  )}</tbody></table></div>`;
}

export function taskView(p: TaskPage): Html {
  const { task } = p;
  return html`${crumbs([{ href: paths.home(), label: webText.nav.home }, { href: paths.overview(task.region, task.year), label: `${task.region} ${webText.yearLabel(task.year)}` }, { label: webText.taskTitle(task.seq) }])}
<h1>${webText.taskTitle(task.seq)}</h1>
<div class="grid two"><section class="card" aria-labelledby="facts-h"><h2 id="facts-h">${webText.detailsHeading}</h2>${facts(p)}</section>
<section class="card" aria-labelledby="mark-h"><h2 id="mark-h">${webText.markHeading}</h2>${markForm(p)}</section></div>
<section class="card" aria-labelledby="audit-h"><h2 id="audit-h">${webText.auditHeading(p.events.length)}</h2>${audit(p.events)}</section>`;
}
