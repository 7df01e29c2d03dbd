// Importing a plan from the page: the upload form with the documents already in the store, then the
// parse as a preview (document, tasks, units, deadlines, warnings) with the buttons to confirm or
// cancel. The same parser and the same all-or-nothing rule as the CLI's import.
import type { ChangeRecord } from '../../model/records.ts';
import { type ParsedDocument, type TaskDocument, unitNames } from '../../model/task.ts';
import { clip, deadlineLabel, unitsLabel } from '../../texts/format.ts';
import { webText } from '../../texts/web.ts';
import { paths } from '../paths.ts';
import { html, type Html } from './html.ts';
import { changesTable } from './changes.ts';
import { csrfField, dateTime, LIST_CLIP } from './parts.ts';

/** Units listed per row of the preview's task table. */
const UNITS_CLIP = 40;

export interface ImportForm {
  csrf: string;
  regions: readonly string[];
  maxMb: number;
  region?: string;
  year?: string;
}

export interface StoredDocument {
  document: TaskDocument;
  tasks: number;
}

function form(f: ImportForm): Html {
  return html`<form class="stack" method="post" action="${paths.importPreview()}" enctype="multipart/form-data">${csrfField(f.csrf)}
<div><label for="file">${webText.fileLabel}</label><span class="hint" id="file-hint">${webText.fileHint}</span>
<input type="file" id="file" name="file" multiple required accept=".txt,.md,.markdown,.tsv,.html,.htm,.pdf,.doc,.docx,.wps,.xls,.xlsx,.zip,text/plain,text/html,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/zip" aria-describedby="file-hint"></div>
<div><label for="region">${webText.regionLabel}</label><span class="hint" id="region-hint">${webText.regionHint}</span>
<input type="text" id="region" name="region" list="regions" value="${f.region ?? ''}" aria-describedby="region-hint"><datalist id="regions">${f.regions.map((r) => html`<option value="${r}"></option>`)}</datalist></div>
<div><label for="year">${webText.yearLabel2}</label><span class="hint" id="year-hint">${webText.yearHint}</span>
<input type="number" id="year" name="year" min="2000" max="2100" value="${f.year ?? ''}" aria-describedby="year-hint"></div>
<div class="buttons"><button type="submit">${webText.previewButton}</button></div></form>`;
}

function documents(docs: readonly StoredDocument[]): Html {
  if (!docs.length) return html`<p class="muted">${webText.noData}</p>`;
  const c = webText.docsColumns;
  return html`<div class="scroll"><table><caption>${webText.recentImports}</caption>
<thead><tr><th scope="col">${c.region}</th><th scope="col">${c.year}</th><th scope="col">${c.title}</th><th scope="col" class="num">${c.tasks}</th><th scope="col">${c.importedAt}</th></tr></thead>
<tbody>${docs.map(
    (d) =>
      html`<tr><td><a href="${paths.overview(d.document.region, d.document.year)}">${d.document.region}</a></td><td>${d.document.year}</td><td>${webText.docRef(d.document.title, d.document.docNumber)}</td><td class="num">${d.tasks}</td><td>${dateTime(d.document.importedAt)}</td></tr>`,
  )}</tbody></table></div>`;
}

export function importView(f: ImportForm, docs: readonly StoredDocument[], changes: readonly ChangeRecord[]): Html {
  return html`<h1>${webText.importTitle}</h1><p>${webText.importIntro(f.maxMb)}</p>
<section class="card">${form(f)}</section>
<section class="card">${documents(docs)}</section>
<section class="card">${changesTable(changes)}</section>`;
}

export interface PreviewDocument {
  parsed: ParsedDocument;
  /** When the same document was imported before (it will be replaced). */
  replacesImportedAt: string | null;
}

function previewDocument(p: PreviewDocument, i: number): Html {
  const { document: d, tasks, warnings } = p.parsed;
  const f = webText.previewFacts;
  const kinds = { dated: 0, 'year-round': 0, recurring: 0, ongoing: 0, none: 0 };
  for (const t of tasks) kinds[t.deadline.kind]++;
  const c = webText.previewColumns;
  const names = [...unitNames(tasks)];
  return html`<section class="card" aria-labelledby="doc-${i}"><h2 id="doc-${i}">${webText.previewDoc(d.region, d.year, d.title)}</h2>
${p.replacesImportedAt ? html`<p class="warn">${webText.replaces(dateTime(p.replacesImportedAt))}</p>` : ''}
<dl class="facts"><dt>${f.docNumber}</dt><dd>${d.docNumber ?? webText.none}</dd><dt>${f.issuer}</dt><dd>${d.issuer ?? webText.none}</dd><dt>${f.issuedAt}</dt><dd>${d.issuedAt ?? webText.none}</dd>
<dt>${f.file}</dt><dd>${d.sourceFile}</dd><dt>${f.layout}</dt><dd>${d.layout}</dd><dt>${f.tasks}</dt><dd>${tasks.length}</dd><dt>${f.units}</dt><dd>${webText.unitCount(names.length)}<br><span class="muted">${names.join(webText.listSep)}</span></dd><dt>${f.deadlines}</dt><dd>${webText.kindCounts(kinds)}</dd></dl>
${warnings.length ? html`<details open><summary>${webText.warningsHeading(warnings.length)}</summary><ul>${warnings.map((w) => html`<li>${w}</li>`)}</ul></details>` : ''}
<details open><summary>${webText.previewTasksCaption}</summary><div class="scroll"><table><caption>${webText.previewTasksCaption}</caption>
<thead><tr><th scope="col" class="num">${c.seq}</th><th scope="col">${c.requirement}</th><th scope="col">${c.units}</th><th scope="col">${c.deadline}</th></tr></thead>
<tbody>${tasks.map((t) => html`<tr><td class="num">${t.seq}</td><td>${clip(t.requirement, LIST_CLIP)}</td><td>${clip(unitsLabel(t), UNITS_CLIP)}</td><td>${deadlineLabel(t)}</td></tr>`)}</tbody></table></div></details></section>`;
}

export function previewView(docs: readonly PreviewDocument[], previewId: string, csrf: string): Html {
  return html`<h1>${webText.previewTitle}</h1><p>${webText.previewIntro(docs.length)}</p>
${docs.map(previewDocument)}
<div class="buttons"><form class="inline" method="post" action="${paths.importConfirm()}">${csrfField(csrf)}<input type="hidden" name="id" value="${previewId}"><button type="submit">${webText.confirmButton}</button></form>
<form class="inline" method="post" action="${paths.importCancel()}">${csrfField(csrf)}<input type="hidden" name="id" value="${previewId}"><button type="submit" class="secondary">${webText.cancelButton}</button></form></div>`;
}
