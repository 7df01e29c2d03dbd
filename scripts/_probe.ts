import { readFileSync } from 'node:fs';
import { runReader } from '../src/ingest/sandbox/run-reader.ts';
import { Guard } from '../src/ingest/limits.ts';
import { readWordBinary } from '../src/ingest/layouts/word-binary.ts';
const g = new Guard();
const r = await runReader(process.argv[2] === 'pdf' ? 'pdf' : 'ole', readFileSync(process.argv[3]!), g);
console.log(JSON.stringify(r, (k, v) => (v instanceof Uint8Array ? `bytes(${v.length})` : v)).slice(0, 3000));
