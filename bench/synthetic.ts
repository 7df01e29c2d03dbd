// A synthetic province: 100,000 tasks over 100+ regions and 5 years, made from the seed documents'
// vocabulary (their sentences recombined, their units moved to each region's level).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../src/ingest/import-document.ts';
import type { Task, TaskDocument } from '../src/model/task.ts';

const SYLLABLES = '安宝北昌城大德东丰福高广和华江金康乐临龙宁平青庆泉山上盛泰天通武西祥新兴阳永玉源长正中'.split('');

/** A deterministic random generator, so runs compare. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface Province {
  documents: TaskDocument[];
  tasks: Task[];
  regions: string[];
}

export async function buildProvince(options: { tasks: number; regions: number; years: number[]; seedsDir: string }): Promise<Province> {
  const rand = random(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const templates: Task[] = [];
  for (const file of readdirSync(options.seedsDir).sort()) {
    const parsed = await parseDocument(file, readFileSync(join(options.seedsDir, file)), { now: new Date(0) });
    templates.push(...parsed.tasks);
  }
  const sentences = templates.flatMap((t) => t.requirement.split(/(?<=。)/).filter((s) => s.length > 6));

  const regions: string[] = [];
  while (regions.length < options.regions) {
    const name = `${pick(SYLLABLES)}${pick(SYLLABLES)}${regions.length % 3 === 0 ? '区' : '县'}`;
    if (!regions.includes(name)) regions.push(name);
  }

  const perDocument = Math.ceil(options.tasks / (regions.length * options.years.length));
  const documents: TaskDocument[] = [];
  const tasks: Task[] = [];
  for (const region of regions) {
    const level = region.at(-1) as string;
    for (const year of options.years) {
      const id = `${year}-${region}`;
      documents.push({
        id, title: `关于印发${year}年${region}政务公开工作任务分解表的通知`, issuer: `${region}人民政府办公室`, region, year,
        docNumber: null, issuedAt: `${year}-03-01`, sourceFile: `${id}.txt`, contentHash: id, layout: 'synthetic', importedAt: new Date(0).toISOString(),
      });
      for (let seq = 1; seq <= perDocument && tasks.length < options.tasks; seq++) {
        const t = pick(templates);
        const relevel = (units: string[]): string[] => units.map((u) => u.replace(/^[县区]/, level));
        const due = t.deadline.due ? `${year}${t.deadline.due.slice(4)}` : null;
        tasks.push({
          ...t,
          id: `${id}-${seq}`, documentId: id, region, year, seq,
          requirement: rand() < 0.5 ? t.requirement : `${t.requirement}${pick(sentences)}`,
          lead: relevel(t.lead), responsible: relevel(t.responsible), cooperating: relevel(t.cooperating),
          deadline: { ...t.deadline, due: due === `${year}-02-29` ? `${year}-02-28` : due },
        });
      }
    }
  }
  return { documents, tasks, regions };
}
