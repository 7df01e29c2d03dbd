// The overview pages: every region and plan year with its completion (the home page), and one region's
// plan year at a glance: the counts, each unit's bars worst first, the red list of overdue tasks, what
// falls due in the next 30 days, and the year-round and ongoing tasks apart.
import { STATUS_LABEL } from '../../ledger/status.ts';
import { completionRate, DUE_SOON_DAYS, type Overview, type RegionYear, STATUSES, type UnitRow } from '../../ledger/summary.ts';
import type { Binding } from '../../model/records.ts';
import type { TaskDocument } from '../../model/task.ts';
import { webText } from '../../texts/web.ts';
import { daysBetween } from '../../time.ts';
import { paths } from '../paths.ts';
import { dueTimeline, legend, unitBars } from './charts.ts';
import { html, type Html } from './html.ts';
import { crumbs, type TaskLine, taskList } from './parts.ts';

/** The chart shows this many units (the worst); the table under it has them all. */
export const CHART_UNITS = 15;
/** Lists longer than this end with "另有 N 项", pointing to the export. */
export const LIST_MAX = 100;

const rate = (counts: RegionYear['counts']): Html =>
  html`<progress max="100" value="${Math.round(completionRate(counts) * 100)}" aria-hidden="true"></progress> ${webText.percent(completionRate(counts))}`;

export function homeView(rows: readonly RegionYear[], today: string, myUnits: readonly Binding[]): Html {
  const c = webText.homeColumns;
  const mine = myUnits.length
    ? html`<section class="card"><h2>${webText.myUnits}</h2><ul>${myUnits.map((b) => html`<li><a href="${paths.unit(b.region, b.unitKey)}">${b.region} ${b.unitName}</a></li>`)}</ul></section>`
    : '';
  const table = rows.length
    ? html`<div class="scroll"><table><caption>${webText.homeCaption}</caption>
<thead><tr><th scope="col">${c.region}</th><th scope="col">${c.year}</th><th scope="col" class="num">${c.total}</th><th scope="col">${c.rate}</th><th scope="col" class="num">${c.overdue}</th><th scope="col" class="num">${c.notStarted}</th><th scope="col" class="num">${c.inProgress}</th><th scope="col" class="num">${c.done}</th></tr></thead>
<tbody>${rows.map(
        (r) =>
          html`<tr><th scope="row"><a href="${paths.overview(r.region, r.year)}">${r.region}</a></th><td>${webText.yearLabel(r.year)}</td><td class="num">${r.total}</td><td>${rate(r.counts)}</td><td class="num${r.counts.overdue ? ' late' : ''}">${r.counts.overdue}</td><td class="num">${r.counts['not-started']}</td><td class="num">${r.counts['in-progress']}</td><td class="num">${r.counts.done}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${webText.noData}</p>`;
  return html`<h1>${webText.homeTitle}</h1><p class="muted">${webText.homeIntro(today)}</p>${mine}<section class="card">${table}</section>`;
}

function kpis(o: Overview): Html {
  const k = webText.kpi;
  const item = (cls: string, label: string, n: string | number, extra?: string): Html =>
    html`<li class="${cls}"><span class="n">${n}</span>${label}${extra ? html`<br><span class="muted">${extra}</span>` : ''}</li>`;
  return html`<ul class="kpis" aria-label="${webText.kpiLabel}">
${item('rate', k.rate, webText.percent(completionRate(o.counts)), webText.kpiTotal(o.total))}
${item('overdue', k.overdue, o.counts.overdue)}
${item('not-started', k.notStarted, o.counts['not-started'])}
${item('in-progress', k.inProgress, o.counts['in-progress'])}
${item('done', k.done, o.counts.done)}
</ul>`;
}

function unitTable(rows: readonly UnitRow[], region: string, year: number): Html {
  const c = webText.unitsColumns;
  return html`<details><summary>${webText.unitsTableSummary(rows.length)}</summary><div class="scroll"><table><caption>${webText.unitsCaption}</caption>
<thead><tr><th scope="col">${c.unit}</th><th scope="col" class="num">${c.total}</th><th scope="col" class="num">${c.overdue}</th><th scope="col" class="num">${c.notStarted}</th><th scope="col" class="num">${c.inProgress}</th><th scope="col" class="num">${c.done}</th><th scope="col" class="num">${c.rate}</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row"><a href="${paths.unit(region, r.unit.key, year)}">${r.unit.name}</a></th><td class="num">${r.total}</td><td class="num${r.counts.overdue ? ' late' : ''}">${r.counts.overdue}</td><td class="num">${r.counts['not-started']}</td><td class="num">${r.counts['in-progress']}</td><td class="num">${r.counts.done}</td><td class="num">${webText.percent(completionRate(r.counts))}</td></tr>`,
  )}</tbody></table></div></details>`;
}

function unitsCard(o: Overview): Html {
  const shown = o.units.slice(0, CHART_UNITS);
  return html`<section class="card chart" aria-labelledby="units-h"><h2 id="units-h">${webText.unitsHeading}</h2>
${shown.length ? unitBars(shown, 'units', webText.unitsChartLabel(shown.length, o.units.length)) : html`<p class="muted">${webText.noTasks}</p>`}
${legend(STATUSES, STATUS_LABEL)}
${unitTable(o.units, o.region, o.year)}</section>`;
}

function overdueCard(o: Overview): Html {
  const lines: TaskLine[] = o.overdue.map((task) => ({ task, status: 'overdue', note: html`<span class="late">${webText.daysLate(daysBetween(task.deadline.due ?? o.today, o.today))}</span>` }));
  return html`<section class="card" aria-labelledby="overdue-h"><h2 id="overdue-h">${webText.overdueHeading(o.overdue.length)}</h2>${taskList(lines, { red: true, empty: webText.overdueNone, max: LIST_MAX })}</section>`;
}

function dueSoonCard(o: Overview, statusOf: (id: string) => TaskLine['status']): Html {
  const lines: TaskLine[] = o.dueSoon.map((task) => ({ task, status: statusOf(task.id), note: webText.daysLeft(daysBetween(o.today, task.deadline.due ?? o.today)) }));
  const chart = lines.length ? dueTimeline(lines, o.today, DUE_SOON_DAYS, 'due') : '';
  return html`<section class="card chart" aria-labelledby="due-h"><h2 id="due-h">${webText.dueSoonHeading(DUE_SOON_DAYS, o.dueSoon.length)}</h2>${chart}${lines.length ? legend(['not-started', 'in-progress'], STATUS_LABEL) : ''}${taskList(lines, { empty: webText.dueSoonNone(DUE_SOON_DAYS), max: LIST_MAX })}</section>`;
}

function undatedCard(o: Overview): Html {
  const { counts, tasks } = o.undated;
  const lines: TaskLine[] = tasks.map((t) => ({ task: t.task, status: t.status, last: t.last, showLast: true }));
  return html`<section class="card" aria-labelledby="undated-h"><h2 id="undated-h">${webText.undatedHeading(tasks.length)}</h2>
<details><summary>${webText.undatedSummary(counts.done, tasks.length)}</summary>${taskList(lines, { empty: webText.noTasks, max: LIST_MAX })}</details></section>`;
}

export interface OverviewPage {
  overview: Overview;
  documents: readonly TaskDocument[];
  years: readonly number[];
  /** Status of a task of this plan, for the due-soon list. */
  statusOf: (id: string) => TaskLine['status'];
}

export function overviewView(p: OverviewPage): Html {
  const o = p.overview;
  const docs = p.documents.map((d) => webText.docRef(d.title, d.docNumber)).join(webText.listSep);
  const others = p.years.filter((y) => y !== o.year);
  return html`${crumbs([{ href: paths.home(), label: webText.nav.home }, { label: `${o.region} ${webText.yearLabel(o.year)}` }])}
<h1>${webText.overviewTitle(o.region, o.year)}</h1>
<p class="muted">${webText.overviewIntro(o.today, docs)}${others.length ? html`<br>${webText.otherYears}${others.map((y, i) => html`${i ? webText.listSep : ''}<a href="${paths.overview(o.region, y)}">${webText.yearLabel(y)}</a>`)}` : ''}</p>
${kpis(o)}
<div class="grid two">${unitsCard(o)}${overdueCard(o)}</div>
<div class="grid two">${dueSoonCard(o, p.statusOf)}${undatedCard(o)}</div>
<section class="card" aria-labelledby="export-h"><h2 id="export-h">${webText.exportHeading}</h2><p class="muted">${webText.exportHint}</p>
<p class="buttons"><a class="button" href="${paths.exportLedger(o.region, 'xlsx')}" download>${webText.exportXlsx}</a> <a class="button secondary" href="${paths.exportLedger(o.region, 'csv')}" download>${webText.exportCsv}</a></p></section>`;
}
