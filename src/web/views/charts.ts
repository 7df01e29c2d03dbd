// The two charts, drawn on the server as SVG (no script, no library, a few kilobytes): each unit's
// tasks by status as stacked bars, worst first; and how many tasks fall due on each of the next days.
// Each is an image with a text alternative; the same numbers are in a table or list beside it.
import type { Status } from '../../ledger/status.ts';
import type { UnitRow } from '../../ledger/summary.ts';
import type { Task } from '../../model/task.ts';
import { clip } from '../../texts/format.ts';
import { webText } from '../../texts/web.ts';
import { addDays, daysBetween } from '../../time.ts';
import { html, type Html } from './html.ts';

/** Drawing units of the charts' coordinate space (the SVG scales to its box). */
const WIDTH = 480;
const ROW_HEIGHT = 40;
/** Room above the baseline for labels drawn larger on phones. */
const LABEL_BASELINE = 17;
const BAR_TOP = 22;
const BAR_HEIGHT = 12;
const UNIT_LABEL_CHARS = 20;
/** The order segments are stacked in, left to right: what needs attention first. */
const STACK: readonly Status[] = ['overdue', 'not-started', 'in-progress', 'done'];

/** @param label the chart's text alternative (what it shows, where the full numbers are). */
export function unitBars(rows: readonly UnitRow[], id: string, label: string): Html {
  const max = Math.max(1, ...rows.map((r) => r.total));
  const height = rows.length * ROW_HEIGHT;
  const row = (r: UnitRow, i: number): Html => {
    const y = i * ROW_HEIGHT;
    let x = 0;
    const segments = STACK.map((status) => {
      const w = (r.counts[status] / max) * WIDTH;
      const seg = w > 0 ? html`<rect class="s-${status}" x="${x.toFixed(1)}" y="${y + BAR_TOP}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}"/>` : '';
      x += w;
      return seg;
    });
    const title = webText.barTitle(r.unit.name, r.total, r.counts.overdue, r.counts['not-started'], r.counts['in-progress'], r.counts.done);
    return html`<g><title>${title}</title><text x="0" y="${y + LABEL_BASELINE}">${clip(r.unit.name, UNIT_LABEL_CHARS)}</text><text class="${r.counts.overdue ? 'late' : 'count'}" x="${WIDTH}" y="${y + LABEL_BASELINE}" text-anchor="end">${webText.barCounts(r.counts.overdue, r.total)}</text>${segments}</g>`;
  };
  return html`<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-t" font-size="13"><title id="${id}-t">${label}</title>${rows.map(row)}</svg>`;
}

const TIMELINE_HEIGHT = 130;
const AXIS_Y = 104;
const BAR_MAX = 80;
const TICK_EVERY_DAYS = 7;

/** Tasks due on each day from today to `days` ahead, as columns stacked by status. */
export function dueTimeline(tasks: ReadonlyArray<{ task: Task; status: Status }>, today: string, days: number, id: string): Html {
  const perDay = new Map<number, { 'not-started': number; 'in-progress': number }>();
  for (const { task, status } of tasks) {
    if (!task.deadline.due || (status !== 'not-started' && status !== 'in-progress')) continue;
    const d = daysBetween(today, task.deadline.due);
    if (d < 0 || d > days) continue;
    const c = perDay.get(d) ?? { 'not-started': 0, 'in-progress': 0 };
    c[status]++;
    perDay.set(d, c);
  }
  const max = Math.max(1, ...[...perDay.values()].map((c) => c['not-started'] + c['in-progress']));
  const step = WIDTH / (days + 1);
  const barWidth = Math.max(2, step - 2);
  const columns = [...perDay].map(([d, c]) => {
    const x = d * step + 1;
    const n = c['not-started'] + c['in-progress'];
    const hNot = (c['not-started'] / max) * BAR_MAX;
    const hIn = (c['in-progress'] / max) * BAR_MAX;
    return html`<g><title>${webText.timelineDay(addDays(today, d), n)}</title><rect class="s-not-started" x="${x.toFixed(1)}" y="${(AXIS_Y - hNot).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${hNot.toFixed(1)}"/><rect class="s-in-progress" x="${x.toFixed(1)}" y="${(AXIS_Y - hNot - hIn).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${hIn.toFixed(1)}"/><text x="${(x + barWidth / 2).toFixed(1)}" y="${(AXIS_Y - hNot - hIn - 4).toFixed(1)}" text-anchor="middle">${n}</text></g>`;
  });
  const ticks: Html[] = [];
  for (let d = 0; d <= days; d += TICK_EVERY_DAYS) {
    const x = d * step + step / 2;
    const label = d === 0 ? webText.timelineToday : addDays(today, d).slice(5);
    // The first label starts at its tick: centred, it would be cut at the left edge.
    ticks.push(html`<line class="tick" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${AXIS_Y}" y2="${AXIS_Y + 5}"/><text x="${(d === 0 ? 0 : x).toFixed(1)}" y="${AXIS_Y + 20}" text-anchor="${d === 0 ? 'start' : 'middle'}">${label}</text>`);
  }
  const total = [...perDay.values()].reduce((s, c) => s + c['not-started'] + c['in-progress'], 0);
  return html`<svg viewBox="0 0 ${WIDTH} ${TIMELINE_HEIGHT}" role="img" aria-labelledby="${id}-t" font-size="12"><title id="${id}-t">${webText.timelineLabel(days, total)}</title><line class="axis" x1="0" x2="${WIDTH}" y1="${AXIS_Y}" y2="${AXIS_Y}"/>${columns}${ticks}</svg>`;
}

/** The colour key shared by both charts (the status words are the key; colour only repeats them). */
export function legend(statuses: readonly Status[], labels: Record<Status, string>): Html {
  return html`<ul class="legend">${statuses.map((s) => html`<li><i class="${s}"></i>${labels[s]}</li>`)}</ul>`;
}
