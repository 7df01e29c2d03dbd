// Documents: import (all or nothing), parse (without writing), docs (what the store holds).
import { controlPath, sendControl } from '../app/control.ts';
import { loadConfig } from '../config.ts';
import { ControlUnavailableError, messageOf, StoreError, StoreLockedError, UsageError } from '../errors.ts';
import type { ImportOutcome } from '../store/task-store.ts';
import { parseFiles } from '../ingest/parse-files.ts';
import type { ParsedDocument } from '../model/task.ts';
import { unitNames } from '../model/task.ts';
import { cliText, commandText } from '../texts/cli.ts';
import type { Command, CommandInput, Io } from './command.ts';
import { limitOption, yearOption } from './options.ts';
import { withStore } from './store-access.ts';

function parseAll(files: string[], { values, io }: CommandInput): Promise<ParsedDocument[]> {
  return parseFiles(files, io.now(), { region: values.region, year: yearOption(values.year), limits: limitOption(values.limit) });
}

function printWarnings(warnings: readonly string[], io: Io): void {
  if (warnings.length) io.out(cliText.warningsHeader(warnings.length));
  for (const w of warnings) io.out(cliText.warning(w));
}

function reportImport(parsed: readonly ParsedDocument[], outcomes: readonly ImportOutcome[], { values, io }: CommandInput): void {
  const replaced = (i: number): boolean => outcomes[i]?.replaced ?? false;
  if (values.json) {
    io.out(JSON.stringify({ imported: parsed.map((p, i) => ({ document: p.document, tasks: p.tasks.length, replaced: replaced(i), warnings: p.warnings })) }));
    return;
  }
  parsed.forEach((p, i) => {
    io.out(cliText.importSummary(p.document, p.tasks.length, unitNames(p.tasks).size, replaced(i)));
    printWarnings(p.warnings, io);
  });
}

/** While the bot holds the store, the parsed documents go to it through its control socket. */
async function importThroughBot(parsed: ParsedDocument[], io: Io, locked: StoreLockedError): Promise<ImportOutcome[]> {
  const socket = controlPath(loadConfig(io.env).storePath);
  let response;
  try {
    response = await sendControl(socket, { op: 'import', documents: parsed });
  } catch (e) {
    if (e instanceof ControlUnavailableError) throw new StoreError(cliText.botTakesNoImports(locked.pid, socket), { cause: e });
    throw new StoreError(cliText.noAnswerFromBot(locked.pid, messageOf(e)), { cause: e });
  }
  if (!response.ok) throw new StoreError(cliText.importRefusedByBot(locked.pid, response.error));
  return response.outcomes;
}

async function runImport(input: CommandInput): Promise<void> {
  const { args: files, values, io } = input;
  if (files.length === 0) throw new UsageError(cliText.importNeedsFiles);
  // Parse everything first: one bad file means nothing is written.
  const parsed = await parseAll(files, input);
  try {
    await withStore(io, 'write', async (store) => reportImport(parsed, await store.putDocuments(parsed), input));
  } catch (e) {
    if (!(e instanceof StoreLockedError)) throw e;
    reportImport(parsed, await importThroughBot(parsed, io, e), input);
    if (!values.json) io.out(cliText.importedThroughBot(e.pid));
  }
}

/** What parse --json prints of one document. */
function parsedJson(p: ParsedDocument): unknown {
  const { title, region, year, docNumber, issuedAt, issuer } = p.document;
  return { document: { title, region, year, docNumber, issuedAt, issuer }, tasks: p.tasks, warnings: p.warnings };
}

async function runParse(input: CommandInput): Promise<void> {
  const { args: files, values, io } = input;
  if (files.length !== 1) throw new UsageError(cliText.parseNeedsOneFile);
  // One file; a .zip of several documents gives each of them.
  const parsed = await parseAll(files, input);
  if (values.json) {
    io.out(JSON.stringify(parsed.length === 1 ? parsedJson(parsed[0] as ParsedDocument) : { documents: parsed.map(parsedJson) }));
    return;
  }
  for (const p of parsed) {
    io.out(cliText.parseSummary(p.document, p.tasks.length));
    for (const t of p.tasks) io.out(cliText.taskLine(t));
    printWarnings(p.warnings, io);
  }
}

async function runDocs({ values, io }: CommandInput): Promise<void> {
  await withStore(io, 'read', async (store) => {
    const { documents, tasks } = store.data;
    const count = (id: string): number => tasks.filter((t) => t.documentId === id).length;
    if (values.json) {
      io.out(JSON.stringify({ documents: documents.map((d) => ({ ...d, tasks: count(d.id) })) }));
      return;
    }
    if (!documents.length) io.out(cliText.noDocs);
    for (const d of documents) io.out(cliText.docLine(d, count(d.id)));
  });
}

export const documentCommands = {
  import: { ...commandText.import, run: runImport },
  parse: { ...commandText.parse, run: runParse },
  docs: { ...commandText.docs, run: runDocs },
} satisfies Record<string, Command>;
