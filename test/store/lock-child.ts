// One of many processes started at the same instant: on "go" it takes the store's lock (retrying while
// a live process holds it), reads the file, appends its id, writes the file back (temp file and rename),
// gives the lock up and prints "done <id>". Kept to the lock module and plain fs so that hundreds start
// fast; a lock that let two of them in at once loses ids.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { StoreLockedError } from '../../src/errors.ts';
import { StoreLock } from '../../src/store/lock.ts';

/** Backoff between attempts while another writer holds the lock: from the first, doubling up to the last. */
const RETRY_FIRST_MS = 2;
const RETRY_MAX_MS = 100;
const [path = '', id = ''] = process.argv.slice(2);

async function appendOnce(): Promise<void> {
  for (let wait = RETRY_FIRST_MS; ; wait = Math.min(wait * 2, RETRY_MAX_MS)) {
    let lock: StoreLock;
    try {
      lock = await StoreLock.acquire(path);
    } catch (e) {
      if (!(e instanceof StoreLockedError)) throw e;
      await new Promise((r) => setTimeout(r, wait * (0.5 + Math.random())));
      continue;
    }
    try {
      const ids = JSON.parse(await readFile(path, 'utf8').catch(() => '[]')) as string[];
      // Yield between read and write, as a real writer does (validation, indexes): a second owner would interleave here.
      await new Promise((r) => setImmediate(r));
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify([...ids, id]));
      await rename(tmp, path);
    } finally {
      await lock.release();
    }
    return;
  }
}

process.stdout.write('ready\n');
process.stdin.once('data', () => {
  appendOnce().then(
    () => {
      process.stdout.write(`done ${id}\n`);
      process.exit(0);
    },
    (e: unknown) => {
      process.stdout.write(`error ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
});
