// A unit's page: its tasks by role (牵头 / 责任 / 配合, and those reaching it through collectives), each
// with its status, deadline and the last progress recorded and by whom.
import type { UnitLedger } from '../../ledger/summary.ts';
import { unitRoles } from '../../model/task.ts';
import { webText } from '../../texts/web.ts';
import { paths } from '../paths.ts';
import { html, type Html } from './html.ts';
import { crumbs, type TaskLine, taskList } from './parts.ts';

export interface UnitPage {
  ledger: UnitLedger;
  /** The plan year shown, or null for every year. */
  year: number | null;
  years: readonly number[];
}

/** Tasks through collectives can be many (every 各部门 task): listed folded, under the unit's own. */
function viaSection(heading: string, lines: TaskLine[]): Html {
  return html`<section class="card" aria-labelledby="via"><h2 id="via">${heading}</h2>${lines.length ? html`<details><summary>${webText.showList}</summary>${taskList(lines, { empty: webText.noTasks })}</details>` : html`<p class="muted">${webText.noTasks}</p>`}</section>`;
}

export function unitView(p: UnitPage): Html {
  const { unit, byRole, roles, viaCollective, counts } = p.ledger;
  const total = byRole.lead.length + byRole.responsible.length + byRole.cooperating.length;
  const yearLinks = [
    ...p.years.map((y) => (y === p.year ? html`<strong>${webText.yearLabel(y)}</strong>` : html`<a href="${paths.unit(unit.region, unit.key, y)}">${webText.yearLabel(y)}</a>`)),
    p.year === null ? html`<strong>${webText.allYears}</strong>` : html`<a href="${paths.unit(unit.region, unit.key, 'all')}">${webText.allYears}</a>`,
  ];
  const section = (heading: string, lines: TaskLine[], id: string): Html =>
    html`<section class="card" aria-labelledby="${id}"><h2 id="${id}">${heading}</h2>${taskList(lines, { empty: webText.noTasks })}</section>`;
  const line = (s: UnitLedger['viaCollective'][number], showRoles: boolean): TaskLine => ({ task: s.task, status: s.status, last: s.last, showLast: true, roles: showRoles ? roles.get(s.task.id) : undefined });
  const home = p.year === null ? paths.home() : paths.overview(unit.region, p.year);
  return html`${crumbs([{ href: paths.home(), label: webText.nav.home }, { href: home, label: p.year === null ? unit.region : `${unit.region} ${webText.yearLabel(p.year)}` }, { label: unit.name }])}
<h1>${webText.unitTitle(unit.region, unit.name)}</h1>
<p>${webText.unitIntro(p.year === null ? webText.allYears : webText.yearLabel(p.year), total, counts.done, counts.overdue)}</p>
<p class="muted">${yearLinks.map((l, i) => html`${i ? ' · ' : ''}${l}`)}</p>
${unitRoles.map((role) => section(webText.roleHeading(role, byRole[role].length), byRole[role].map((s) => line(s, true)), `role-${role}`))}
${unit.kind === 'collective' ? '' : viaSection(webText.viaCollectiveHeading(viaCollective.length), viaCollective.map((s) => line(s, false)))}`;
}
