// Evaluates the bot through `ask --json` semantics on three question sets, each on a fresh store built
// from data/seeds:
//   eval/questions.json    the evaluation set (written from the documents only, never from answers);
//   eval/regression.json   the earlier 78 questions, frozen, scored top-1 as they always were;
//   eval/holdout-dev.json  questions written before tuning and never tuned on: reported, not targeted.
// Prints per-category counts of correct / wrong / confident-wrong and exits non-zero under the targets.
//
//   npm run eval [-- --set questions|regression|holdout-dev] [--cli] [--only id,id] [--verbose]
// --cli asks through the CLI process itself (slow; the default asks the same Bot in-process).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Asker, cliAsker, inProcessAsker } from './askers.ts';
import { type Expect, grade, type Graded, type Verdict } from './grade.ts';

interface Question {
  id: string;
  category: string;
  region?: string;
  today?: string;
  turns: string[];
  expect: Expect;
}

interface RegressionQuestion {
  q: string;
  region?: string;
  today?: string;
  expect: string[];
}

const TARGETS = {
  /** Share of the evaluation set answered correctly. */
  correct: 0.95,
  /** Confident answers to questions the documents do not answer. */
  confidentUnknown: 0,
  /** The regression set's top-1 when it was frozen: it must not get worse. */
  regressionTop1: 76,
};
/** The regression set was written for this day when a question names none (its runner's default). */
const REGRESSION_TODAY = '2026-11-23';

const { values } = parseArgs({
  options: { set: { type: 'string', multiple: true }, cli: { type: 'boolean' }, only: { type: 'string' }, verbose: { type: 'boolean' } },
});
const only = values.only ? new Set(values.only.split(',')) : null;
const sets = values.set ?? ['questions', 'regression', 'holdout-dev'];
const load = <T>(name: string): T => JSON.parse(readFileSync(join(import.meta.dirname, `${name}.json`), 'utf8')) as T;

async function withAsker<T>(fn: (asker: Asker) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-eval-'));
  const storePath = join(dir, 'store.json');
  const warm = await inProcessAsker(storePath); // builds the store from the seeds once
  const asker = values.cli ? (await warm.close(), cliAsker(storePath)) : warm;
  try {
    return await fn(asker);
  } finally {
    if (!values.cli) await asker.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Outcome {
  question: Question;
  graded: Graded;
  answer: string;
}

async function askAll(set: string, questions: Question[]): Promise<Outcome[]> {
  return withAsker(async (asker) => {
    const out: Outcome[] = [];
    for (const q of questions) {
      if (only && !only.has(q.id)) continue;
      const chat = `eval-${set}-${q.id}`;
      let answer = null;
      for (const turn of q.turns) answer = await asker.ask(turn, { region: q.region, chat, today: q.today });
      if (!answer) continue;
      out.push({ question: q, graded: grade(q.expect, answer), answer: answer.text });
    }
    return out;
  });
}

type Tally = Record<Verdict, number>;
const tally = (): Tally => ({ correct: 0, wrong: 0, 'confident-wrong': 0 });

function report(set: string, outcomes: Outcome[]): { correct: number; total: number; confidentUnknown: number } {
  const byCategory = new Map<string, Tally>();
  const byKind = new Map<string, Tally>();
  const all = tally();
  for (const { question, graded } of outcomes) {
    for (const [map, key] of [[byCategory, question.category], [byKind, question.expect.kind]] as const) {
      const t = map.get(key) ?? tally();
      t[graded.verdict]++;
      map.set(key, t);
    }
    all[graded.verdict]++;
  }
  const line = (name: string, t: Tally): string => {
    const n = t.correct + t.wrong + t['confident-wrong'];
    return `  ${name.padEnd(12)} ${String(t.correct).padStart(3)}/${String(n).padEnd(3)} correct  ${String(t.wrong).padStart(2)} wrong  ${String(t['confident-wrong']).padStart(2)} confident-wrong`;
  };
  console.log(`\n== ${set}`);
  for (const [k, t] of byCategory) console.log(line(k, t));
  console.log('  by kind:');
  for (const [k, t] of byKind) console.log(line(k, t));
  console.log(line('total', all));
  const misses = outcomes.filter((o) => o.graded.verdict !== 'correct');
  for (const o of misses) {
    console.log(`  ${o.graded.verdict === 'wrong' ? 'WRONG    ' : 'CONFIDENT'} ${o.question.id} ${o.question.region ?? '*'} ${o.question.today ?? ''} “${o.question.turns.join(' | ')}”: ${o.graded.why}`);
    if (values.verbose) console.log(o.answer.split('\n').slice(0, 6).map((l) => `      ${l}`).join('\n'));
  }
  const confidentUnknown = outcomes.filter((o) => o.question.expect.kind === 'unknown' && o.graded.verdict === 'confident-wrong').length;
  return { correct: all.correct, total: outcomes.length, confidentUnknown };
}

async function regression(): Promise<number> {
  const { questions } = load<{ questions: RegressionQuestion[] }>('regression');
  return withAsker(async (asker) => {
    let top1 = 0;
    for (const [i, q] of questions.entries()) {
      const a = await asker.ask(q.q, { region: q.region, chat: `eval-regression-${i}`, today: q.today ?? REGRESSION_TODAY });
      const rank = a.tasks.findIndex((t) => q.expect.some((e) => t.requirement.includes(e)));
      if (rank === 0) top1++;
      else console.log(`  ${rank < 0 ? 'miss' : `#${rank + 1} `} ${q.region ?? '*'} “${q.q}” → ${a.tasks[0]?.requirement.slice(0, 24) ?? `(${a.intent}: no task)`}`);
    }
    console.log(`\n== regression\n  top-1 ${top1}/${questions.length} (target ≥ ${TARGETS.regressionTop1})`);
    return top1;
  });
}

let failed = false;
for (const set of sets) {
  if (set === 'regression') {
    if (!only && (await regression()) < TARGETS.regressionTop1) failed = true;
    continue;
  }
  const { questions } = load<{ questions: Question[] }>(set);
  const r = report(set, await askAll(set, questions));
  const share = r.total ? r.correct / r.total : 0;
  console.log(`  correct ${(share * 100).toFixed(1)}% (${r.correct}/${r.total}); confident-wrong on unknown: ${r.confidentUnknown}`);
  if (set === 'questions' && !only && (share < TARGETS.correct || r.confidentUnknown > TARGETS.confidentUnknown)) failed = true;
}
if (failed) console.log(`\nUNDER TARGET (≥ ${TARGETS.correct * 100}% correct, ${TARGETS.confidentUnknown} confident-wrong on unknown, regression top-1 ≥ ${TARGETS.regressionTop1})`);
process.exitCode = failed ? 1 : 0;
