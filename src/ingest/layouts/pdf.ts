// PDF with a text layer (exported by Word, WPS or LibreOffice): PDF.js, in the reader worker, gives the
// text with positions and the ruling lines of each page; pdf-grid.ts rebuilds each page's table (its
// merged cells from the missing rules), and the pages' tables are one table when they share a width
// (the header repeated on each page is dropped by the mapper). Without ruling lines the page's text is
// read as text, columns split at wide gaps (and empty cells then only guessed, as in any text table).
// A PDF without any text is a scan: said so, with what to do.
import { LayoutError } from '../../errors.ts';
import { importReason } from '../../texts/ingest.ts';
import { readAsText } from '../choose-layout.ts';
import type { Guard } from '../limits.ts';
import type { ParsedLayout } from '../raw-row.ts';
import type { PdfPage } from '../sandbox/run-reader.ts';
import { chooseTable } from '../table/choose.ts';
import { mapTable } from '../table/map-table.ts';
import { itemLines, pageTable } from './pdf-grid.ts';

export function readPdf(pages: readonly PdfPage[], guard: Guard): ParsedLayout {
  if (!pages.some((p) => p.items.some((i) => i.s.trim()))) throw new LayoutError(importReason.format('pdfScanned'));
  const tables = pages.map((page) => {
    guard.tick();
    return pageTable(page);
  });
  const withGrid = tables.filter((t) => t.grid.length);
  const found = chooseTable(withGrid.map((t) => t.grid));
  if (found) {
    const used = new Set(found.used.map((i) => withGrid[i]));
    const outside = tables.flatMap((t) => (used.has(t) ? t.outside : t.grid.length ? [] : t.outside));
    const above = found.above.map((r) => [...new Set(r.filter(Boolean))].join(' '));
    return {
      layout: 'pdf',
      headerText: [...above, ...outside].join('\n'),
      rows: mapTable(found.header, found.body, { inheritBlankCells: false }),
    };
  }
  const text = pages.flatMap((page) => itemLines(page.items, true)).join('\n');
  return readAsText(text, 'pdf', importReason.pdfNoTable);
}
