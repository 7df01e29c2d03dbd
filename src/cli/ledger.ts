// The ledger (台账) from the command line: export a region's ledger as xlsx or csv, into the export
// folder (ZWGK_EXPORT_DIR) unless --out says where.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { ledgerCsv, ledgerRows, ledgerXlsx } from '../ledger/export.ts';
import { eventsByTask } from '../ledger/status.ts';
import { cliText, commandText } from '../texts/cli.ts';
import type { Command, CommandInput } from './command.ts';
import { regionOf } from './lookup.ts';
import { todayOf } from './options.ts';
import { withStore } from './store-access.ts';

const FORMATS = ['xlsx', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (text: string): text is Format => (FORMATS as readonly string[]).includes(text);

async function runExport({ values, io }: CommandInput): Promise<void> {
  const format = values.format ?? 'xlsx';
  if (!isFormat(format)) throw new UsageError(cliText.badFormat(format));
  await withStore(io, 'read', async (store, config) => {
    const region = regionOf(store, values.region);
    const today = todayOf(values.today, io.now());
    const rows = ledgerRows(store.index.byRegion.get(region) ?? [], eventsByTask(store.data.ledger), today);
    const data = format === 'xlsx' ? await ledgerXlsx(region, rows) : ledgerCsv(rows);
    // The configured export folder (as the console chat's 导出台账), unless --out names a file.
    const out = resolve(values.out ?? join(config.exportDir, cliText.exportFile(region, today, format)));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, data);
    io.out(values.json ? JSON.stringify({ file: out, rows: rows.length }) : cliText.exported(out, rows.length));
  });
}

export const ledgerCommands = {
  export: { ...commandText.export, run: runExport },
} satisfies Record<string, Command>;
