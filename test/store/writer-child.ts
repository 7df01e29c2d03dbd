// A process that owns a store and writes to it in a loop, printing "done N" after each write that
// resolved. The crash test kills it at random moments.
import { TaskStore } from '../../src/store/task-store.ts';
import type { ParsedDocument } from '../../src/model/task.ts';

const path = process.argv[2] as string;
const mode = process.argv[3] ?? 'import';
const store = await TaskStore.open(path);
process.stdout.write('ready\n');

if (mode === 'ledger') {
  // Ledger events through the state log, as "完成 3" writes them.
  for (let n = store.data.ledger.length; ; n++) {
    await store.change((d) => void d.ledger.push({ taskId: 't', action: 'progress', note: `n${n}`, by: { platform: 'cli', userId: 'cli' }, chat: 'cli', at: new Date(0).toISOString() }));
    process.stdout.write(`done ${n}\n`);
  }
}

function syntheticDocument(n: number): ParsedDocument {
  const id = `crash-${n}`;
  return {
    document: {
      id, title: `第${n}号文件`, issuer: null, region: '测试县', year: 2022, docNumber: null, issuedAt: null,
      sourceFile: `${id}.txt`, contentHash: String(n), layout: 'tsv', importedAt: new Date(0).toISOString(),
    },
    tasks: Array.from({ length: 300 }, (_, i) => ({
      id: `${id}-${i + 1}`, documentId: id, region: '测试县', year: 2022, seq: i + 1, section: ['一、测试'], title: null, number: null,
      requirement: `做好第${n}号文件第${i + 1}项信息公开工作，确保按时完成。`.repeat(3),
      lead: [], responsible: ['县民政局'], cooperating: [], remarks: null,
      deadline: { raw: '全年', due: '2022-12-31', kind: 'year-round' as const, ongoing: false, stated: true, source: 'cell' as const, milestones: [] },
    })),
    warnings: [],
  };
}

const start = store.data.documents.length;
for (let n = start; ; n++) {
  await store.putDocuments([syntheticDocument(n)]);
  process.stdout.write(`done ${n}\n`);
}
