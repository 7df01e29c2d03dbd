// Every hand-read fact about the five bundled documents (test/fixtures/seed-facts.json) holds after import.
import { describe, expect, it } from 'vitest';
import facts from '../fixtures/seed-facts.json' with { type: 'json' };
import { TaskIndex } from '../../src/store/indexes.ts';
import { findTask, names, parseSeed } from '../helpers.ts';

interface TaskFact {
  text: string;
  textAlso?: string;
  title?: string;
  responsible?: string[];
  lead?: string[];
  cooperating?: string[];
  responsibleContains?: string;
  leadContains?: string;
  deadlineRaw?: string;
  due?: string;
  ongoingAfterDue?: boolean;
  note?: string;
}

describe.each(facts.documents)('$file ($region)', (doc) => {
  it('reads the document metadata', async () => {
    const { document } = await parseSeed(doc.file);
    expect(document).toMatchObject({ region: doc.region, year: doc.year, docNumber: doc.docNumber, issuedAt: doc.issuedAt });
  });

  it(`holds ${doc.taskCount} tasks`, async () => {
    const { tasks } = await parseSeed(doc.file);
    expect(tasks).toHaveLength(doc.taskCount);
  });

  it.each(doc.tasks as TaskFact[])('task “$text”', async (fact) => {
    const { tasks } = await parseSeed(doc.file);
    const task = findTask(tasks, fact.text);
    if (fact.textAlso) expect(task.requirement).toContain(fact.textAlso);
    if (fact.title) expect(task.title).toBe(fact.title);
    for (const u of fact.responsible ?? []) expect(names(task.responsible, u), `responsible ${u} in ${task.responsible}`).toBe(true);
    for (const u of fact.lead ?? []) expect(names(task.lead, u), `lead ${u} in ${task.lead}`).toBe(true);
    for (const u of fact.cooperating ?? []) expect(names(task.cooperating, u), `cooperating ${u} in ${task.cooperating}`).toBe(true);
    if (fact.responsibleContains) expect(task.responsible.some((u) => u.includes(fact.responsibleContains as string))).toBe(true);
    if (fact.leadContains) expect(task.lead.some((u) => u.includes(fact.leadContains as string))).toBe(true);
    if (fact.deadlineRaw) expect(task.deadline.raw).toBe(fact.deadlineRaw);
    if (fact.due) expect(task.deadline.due).toBe(fact.due);
    if (fact.ongoingAfterDue) expect(task.deadline.ongoing).toBe(true);
    if (fact.deadlineRaw === '定期更新') expect(task.deadline.kind).toBe('recurring');
  });

  const unitQueries = ('unitQueries' in doc ? doc.unitQueries : undefined) ?? [];
  it.each(unitQueries)('$unit is named in exactly its tasks, and bound through collectives apart', async (q) => {
    const parsed = await parseSeed(doc.file);
    const index = new TaskIndex([parsed.document], parsed.tasks);
    for (const alias of [q.unit, ...q.aliases]) {
      const units = index.units.find(alias, [doc.region]);
      expect(units.map((u) => u.name)).toEqual([q.unit]);
      const found = index.tasksOfUnit(units[0]!);
      expect(found.named).toHaveLength(q.directTaskTexts.length);
      for (const text of q.directTaskTexts) expect(found.named.some((n) => n.task.requirement.includes(text))).toBe(true);
      expect(found.viaCollective.length).toBeGreaterThan(0);
      expect(found.viaCollective.every((t) => index.collectivesBinding(t, units[0]!.kind).length > 0)).toBe(true);
    }
  });

  const dueQueries = ('dueQueries' in doc ? doc.dueQueries : undefined) ?? [];
  it.each(dueQueries)('tasks due in $month', async (q) => {
    const parsed = await parseSeed(doc.file);
    const index = new TaskIndex([parsed.document], parsed.tasks);
    const due = index.dueInMonth(q.month, [doc.region]);
    expect(due).toHaveLength(q.taskTexts.length);
    for (const text of q.taskTexts) expect(due.some((t) => t.requirement.includes(text))).toBe(true);
  });
});
