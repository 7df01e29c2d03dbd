// The ledger as a spreadsheet, as the chat's 导出台账 and the CLI's export make it: every task of a
// region with its status, last progress and who recorded it.
import { Hono } from 'hono';
import { ledgerByTask } from '../../ledger/status.ts';
import { ledgerCsv, ledgerRows, ledgerXlsx } from '../../ledger/export.ts';
import { ledgerText } from '../../texts/ledger.ts';
import { webText } from '../../texts/web.ts';
import { shanghaiDate } from '../../time.ts';
import type { WebDeps, WebEnv } from '../deps.ts';
import { routes } from '../paths.ts';
import { refuse } from '../respond.ts';

const TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

/** A download name people see in Chinese, with an ASCII fallback for old clients (RFC 6266). */
const disposition = (name: string): string => `attachment; filename="ledger.${name.split('.').pop() ?? 'bin'}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function exportRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get(routes.exportLedger, async (c) => {
    const region = c.req.query('region') ?? '';
    const format = c.req.query('format') === 'csv' ? 'csv' : 'xlsx';
    const tasks = deps.store.index.byRegion.get(region);
    if (!tasks) return refuse(c, 404, webText.notFoundTitle, webText.notFound);
    const today = shanghaiDate(deps.now());
    const rows = ledgerRows(tasks, ledgerByTask(deps.store.data.ledger), today);
    const data = format === 'xlsx' ? await ledgerXlsx(region, rows) : ledgerCsv(rows);
    const name = ledgerText.exportName(region, today).replace(/\.xlsx$/, `.${format}`);
    c.header('Content-Type', TYPES[format]);
    c.header('Content-Disposition', disposition(name));
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(data));
  });
  return app;
}
