// Importing a plan by upload (admins only, as in the chat): parse every file with the importer the CLI
// uses, show the preview, and write only on confirmation, all files or none, with who imported them.
import { Hono, type Context } from 'hono';
import { may } from '../../core/roles.ts';
import { ZwgkError } from '../../errors.ts';
import { parseUpload } from '../../ingest/import-document.ts';
import { MAX_IMPORT_BYTES } from '../../ingest/limits.ts';
import type { ChangeRecord } from '../../model/records.ts';
import type { ParsedDocument } from '../../model/task.ts';
import { describeError } from '../../texts/errors.ts';
import { webText } from '../../texts/web.ts';
import { WEB_CHAT } from '../auth/guard.ts';
import type { Viewer, WebDeps, WebEnv } from '../deps.ts';
import { PendingImports } from '../pending-imports.ts';
import { paths, routes } from '../paths.ts';
import { refuse, respond } from '../respond.ts';
import { importView, previewView } from '../views/imports.ts';

/** The upload route's body limit: the importer's own limit and room for the form around the files. */
export const UPLOAD_BODY_LIMIT = MAX_IMPORT_BYTES + 2 ** 20;
const MAX_MB = Math.round(MAX_IMPORT_BYTES / 2 ** 20);
const REGION = /^\p{Script=Han}{2,12}$/u;
const YEAR = /^\d{4}$/;

/** An uploaded file of the form. */
type Upload = Exclude<ReturnType<FormData['get']>, string | null>;

function importPage(c: Context<WebEnv>, deps: WebDeps, form: { region?: string; year?: string; error?: string; status?: 200 | 422 } = {}): Response | Promise<Response> {
  const { data, index } = deps.store;
  const counts = new Map<string, number>();
  for (const t of data.tasks) counts.set(t.documentId, (counts.get(t.documentId) ?? 0) + 1);
  const docs = data.documents.map((document) => ({ document, tasks: counts.get(document.id) ?? 0 }));
  const imports = data.changes.filter((r) => r.action === 'import');
  const view = importView({ csrf: c.get('viewer').csrf, regions: index.regions(), maxMb: MAX_MB, region: form.region, year: form.year }, docs, imports);
  return respond(c, { title: webText.importTitle, section: 'imports', error: form.error, status: form.status }, view);
}

const adminOnly = (c: Context<WebEnv>, deps: WebDeps): boolean => may('import', c.get('viewer').person, deps.admins, deps.store.data.bindings);

/** The form's region and year, or what is wrong with them. */
function overrides(region: string, year: string): { region?: string; year?: number } | { error: string } {
  if (region && !REGION.test(region)) return { error: webText.badRegion };
  if (year && !YEAR.test(year)) return { error: webText.badYear };
  return { region: region || undefined, year: year ? Number(year) : undefined };
}

async function parseUploads(files: readonly Upload[], options: { region?: string; year?: number }, now: Date): Promise<ParsedDocument[]> {
  const parsed: ParsedDocument[] = [];
  // One after the other, the first failure stops it: nothing is kept unless every file parses (each
  // document of an uploaded .zip too).
  for (const file of files) parsed.push(...(await parseUpload(file.name, new Uint8Array(await file.arrayBuffer()), { ...options, now })));
  return parsed;
}

const importRecord = (viewer: Viewer, p: ParsedDocument, at: string): ChangeRecord => ({
  at,
  by: { platform: viewer.person.platform, userId: viewer.person.userId, name: viewer.person.name },
  via: WEB_CHAT,
  action: 'import',
  target: p.document.id,
  region: p.document.region,
  name: `${p.document.year} ${p.document.title}`,
  user: null,
});

export function importRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const pending = new PendingImports();

  app.use(`${routes.imports}/*`, async (c, next) => (adminOnly(c, deps) ? next() : refuse(c, 403, webText.deniedTitle, webText.adminOnly)));
  app.get(routes.imports, (c) => (adminOnly(c, deps) ? importPage(c, deps) : refuse(c, 403, webText.deniedTitle, webText.adminOnly)));

  app.post(routes.importPreview, async (c) => {
    const form = await c.req.formData();
    const region = String(form.get('region') ?? '').trim();
    const year = String(form.get('year') ?? '').trim();
    const files = form.getAll('file').filter((f): f is Upload => typeof f !== 'string' && f.size > 0);
    if (!files.length) return importPage(c, deps, { region, year, error: webText.noFile, status: 422 });
    const options = overrides(region, year);
    if ('error' in options) return importPage(c, deps, { region, year, error: options.error, status: 422 });
    let parsed: ParsedDocument[];
    try {
      parsed = await parseUploads(files, options, deps.now());
    } catch (e) {
      if (!(e instanceof ZwgkError)) throw e;
      return importPage(c, deps, { region, year, error: `${webText.importFailed}${describeError(e)}`, status: 422 });
    }
    const viewer = c.get('viewer');
    const id = pending.put(viewer.sessionId, parsed, deps.now());
    const stored = deps.store.index.documents;
    const docs = parsed.map((p) => ({ parsed: p, replacesImportedAt: stored.get(p.document.id)?.importedAt ?? null }));
    return respond(c, { title: webText.previewTitle, section: 'imports' }, previewView(docs, id, viewer.csrf));
  });

  app.post(routes.importConfirm, async (c) => {
    const viewer = c.get('viewer');
    const now = deps.now();
    const parsed = pending.take(String((await c.req.formData()).get('id') ?? ''), viewer.sessionId, now);
    if (!parsed) return importPage(c, deps, { error: webText.previewGone, status: 422 });
    await deps.store.putDocuments(parsed, parsed.map((p) => importRecord(viewer, p, now.toISOString())));
    for (const p of parsed) deps.logger.info('web: imported', { document: p.document.id, tasks: p.tasks.length, by: `${viewer.person.platform}:${viewer.person.userId}` });
    const first = parsed[0]?.document;
    return c.redirect(first ? paths.overview(first.region, first.year, { msg: 'imported' }) : paths.imports({ msg: 'imported' }), 303);
  });

  app.post(routes.importCancel, async (c) => {
    pending.take(String((await c.req.formData()).get('id') ?? ''), c.get('viewer').sessionId, deps.now());
    return c.redirect(paths.imports({ msg: 'cancelled' }), 303);
  });
  return app;
}
