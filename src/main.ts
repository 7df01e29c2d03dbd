// Start-up: validate the configuration, open (or build) the store, and report what it holds.
import { loadConfig } from './config.ts';
import { cliText } from './core/texts.ts';
import { ZwgkError } from './errors.ts';
import { unitNames } from './model/task.ts';
import { openStore } from './store/bootstrap.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const { store, seeded } = await openStore(config.storePath, config.seedsDir, new Date());
  try {
    if (seeded.length) console.log(cliText.seeded(seeded.length));
    for (const p of seeded) console.log(cliText.importSummary(p.document, p.tasks.length, unitNames(p.tasks).size, false));
    console.log(cliText.storeReady(config.storePath, store.data.documents.length, store.data.tasks.length));
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ZwgkError ? e.message : e);
  process.exitCode = 1;
});
