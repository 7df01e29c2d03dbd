// The 台账 pages: the home page (every region and plan year), a region's overview, a unit's page and a
// task's page, and recording progress from the task page through the same decision and roles as the
// chat's "完成 3".
import { Hono, type Context } from 'hono';
import { planYear } from '../../core/answers/context.ts';
import { MARK_ACTIONS, type MarkAction, recordMark } from '../../core/ledger-marks.ts';
import { may, staffUnits } from '../../core/roles.ts';
import { ledgerByTask, statusOf } from '../../ledger/status.ts';
import { overview, regionYears, unitLedger } from '../../ledger/summary.ts';
import { unitKey } from '../../model/unit-names.ts';
import { webText } from '../../texts/web.ts';
import { shanghaiDate } from '../../time.ts';
import type { WebDeps, WebEnv } from '../deps.ts';
import { paths, routes } from '../paths.ts';
import { refuse, respond } from '../respond.ts';
import { homeView, overviewView } from '../views/overview.ts';
import { taskView } from '../views/task.ts';
import { unitView } from '../views/unit.ts';

/** What every ledger page reads: the index, the ledger grouped by task, and today in Beijing time. */
function state(deps: WebDeps): { index: WebDeps['store']['index']; ledger: ReturnType<typeof ledgerByTask>; today: string } {
  return { index: deps.store.index, ledger: ledgerByTask(deps.store.data.ledger), today: shanghaiDate(deps.now()) };
}

const notFound = (c: Context<WebEnv>): Response | Promise<Response> => refuse(c, 404, webText.notFoundTitle, webText.notFound);

const yearsOf = (index: WebDeps['store']['index'], region: string): number[] => [...index.years(region)].sort((a, b) => b - a);

function taskPage(c: Context<WebEnv>, deps: WebDeps, id: string, form: { error?: string; note?: string; status?: 200 | 403 | 409 | 422 } = {}): Response | Promise<Response> {
  const { index, ledger, today } = state(deps);
  const task = index.byId.get(id);
  if (!task) return notFound(c);
  const viewer = c.get('viewer');
  const events = ledger.get(task.id) ?? [];
  const content = taskView({
    task,
    document: index.documents.get(task.documentId),
    status: statusOf(task, events, today),
    events,
    unitKey,
    canMark: may('progress', viewer.person, deps.admins, deps.store.data.bindings, task),
    csrf: viewer.csrf,
    note: form.note,
  });
  return respond(c, { title: webText.taskTitle(task.seq), section: 'home', error: form.error, status: form.status }, content);
}

/**
 * Every region's counts, kept until the tasks, the ledger or the day change: the home page reads them
 * all (100,000 tasks in a province) and is opened far more often than the ledger changes.
 */
function regionYearsCache(): (s: ReturnType<typeof state>) => ReturnType<typeof regionYears> {
  let last: { index: unknown; ledger: unknown; today: string; rows: ReturnType<typeof regionYears> } | null = null;
  return (s) => {
    if (last?.index !== s.index || last.ledger !== s.ledger || last.today !== s.today) last = { ...s, rows: regionYears(s.index, s.ledger, s.today) };
    return last.rows;
  };
}

export function ledgerRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const rows = regionYearsCache();

  app.get(routes.home, (c) => {
    const s = state(deps);
    const mine = staffUnits(c.get('viewer').person, deps.store.data.bindings);
    return respond(c, { title: webText.homeTitle, section: 'home' }, homeView(rows(s), s.today, mine));
  });

  app.get(routes.region, (c) => {
    const region = c.req.param('region');
    const { index, today } = state(deps);
    if (!index.byRegion.has(region)) return notFound(c);
    return c.redirect(paths.overview(region, planYear({ knowledge: { index }, today }, [region])), 302);
  });

  app.get(routes.overview, (c) => {
    const region = c.req.param('region');
    const year = Number(c.req.param('year'));
    const { index, ledger, today } = state(deps);
    if (!index.years(region).has(year)) return notFound(c);
    const o = overview(index, ledger, region, year, today);
    const documents = [...index.documents.values()].filter((d) => d.region === region && d.year === year);
    const statusById = (id: string): ReturnType<typeof statusOf> => {
      const task = index.byId.get(id);
      return task ? statusOf(task, ledger.get(id), today) : 'not-started';
    };
    return respond(c, { title: webText.overviewTitle(region, year), section: 'home' }, overviewView({ overview: o, documents, years: yearsOf(index, region), statusOf: statusById }));
  });

  app.get(routes.unit, (c) => {
    const region = c.req.param('region');
    const { index, ledger, today } = state(deps);
    const unit = index.units.get(region, c.req.param('key'));
    if (!unit) return notFound(c);
    const asked = c.req.query('year');
    const year = asked === 'all' ? null : asked && /^\d{4}$/.test(asked) ? Number(asked) : planYear({ knowledge: { index }, today }, [region]);
    return respond(c, { title: webText.unitTitle(region, unit.name), section: 'home' }, unitView({ ledger: unitLedger(index, ledger, unit, year, today), year, years: yearsOf(index, region) }));
  });

  app.get(routes.task, (c) => taskPage(c, deps, c.req.param('id')));

  app.post(routes.mark, async (c) => {
    const id = c.req.param('id');
    const task = deps.store.index.byId.get(id);
    if (!task) return notFound(c);
    const form = await c.req.formData();
    const action = String(form.get('action') ?? '');
    const note = String(form.get('note') ?? '');
    if (!MARK_ACTIONS.includes(action as MarkAction)) return taskPage(c, deps, id, { error: webText.badAction, note, status: 422 });
    if (action === 'progress' && !note.trim()) return taskPage(c, deps, id, { error: webText.noteRequired, note, status: 422 });
    const viewer = c.get('viewer');
    const now = deps.now();
    // Read the events and decide without pausing, so that two marks at once cannot pass one check.
    const outcome = await recordMark(deps.store, {
      task,
      action: action as MarkAction,
      note,
      person: viewer.person,
      events: ledgerByTask(deps.store.data.ledger).get(task.id) ?? [],
      allowed: may('progress', viewer.person, deps.admins, deps.store.data.bindings, task),
      now,
      today: shanghaiDate(now),
    });
    switch (outcome.kind) {
      case 'recorded':
        return c.redirect(paths.task(id, { msg: 'marked' }), 303);
      case 'denied':
        return taskPage(c, deps, id, { error: webText.progressDenied, note, status: 403 });
      case 'already-done':
        return taskPage(c, deps, id, { error: webText.alreadyDone, status: 409 });
      case 'not-done':
        return taskPage(c, deps, id, { error: webText.notDone, status: 409 });
      case 'note-too-long':
        return taskPage(c, deps, id, { error: webText.noteTooLong(outcome.max), note, status: 422 });
    }
  });
  return app;
}
