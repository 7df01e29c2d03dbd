// Hostile files, built at test time (small on disk): the shapes the issue found taking the importer down,
// and their kin. Shared by the in-process tests (test/ingest/hostile.test.ts) and the child-process ones
// that also watch memory and the store (test/cli/hostile-import.test.ts).
import { constants, crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

const MB = 2 ** 20;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

export interface HostileFile {
  /** What it is, for test names. */
  what: string;
  name: string;
  bytes: () => Promise<Uint8Array>;
  /** What the refusal must say. */
  message: RegExp;
}

async function docx(documentXml: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('word/document.xml', documentXml);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const cell = (text: string, span = ''): string => `<w:tc>${span ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : ''}<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;

/** A 10 KB .docx whose one cell spans a billion grid columns. */
export const gridSpanDocx = (): Promise<Uint8Array> =>
  docx(`<w:document ${W}><w:body><w:tbl><w:tr>${cell('工作任务')}${cell('责任单位')}</w:tr><w:tr>${cell('公开', '1000000000')}</w:tr></w:tbl></w:body></w:document>`);

/** An 8 KB .xlsx with a single cell at XFD1048576, the last cell a sheet can have. */
export async function farCellXlsx(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="a" sheetId="1" r:id="rId1" xmlns:r="r"/></sheets></workbook>');
  zip.file('xl/worksheets/sheet1.xml', '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>');
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

interface ZipEntry {
  name: string;
  /** The entry's DEFLATE stream. */
  deflated: Buffer;
  crc: number;
  size: number;
  /** The size the headers claim, when they lie. */
  declaredSize?: number;
}

/**
 * Megabytes of zeros as one DEFLATE stream, built from one compressed megabyte repeated: each piece
 * ends on a full flush (byte-aligned, history reset) so that copies can follow each other, and an
 * empty final block closes the stream. Deflating the zeros themselves takes a zip library over a
 * minute; this takes milliseconds and gives the same bytes a compressor would.
 */
function deflatedZeros(megabytes: number): Pick<ZipEntry, 'deflated' | 'crc' | 'size'> {
  const zeros = Buffer.alloc(MB);
  const piece = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);
  let crc = 0;
  for (let i = 0; i < megabytes; i++) crc = crc32(zeros, crc);
  return { deflated: Buffer.concat([...Array<Buffer>(megabytes).fill(piece), FINAL_EMPTY_BLOCK]), crc, size: megabytes * MB };
}

const deflated = (name: string, text: string): ZipEntry => {
  const data = Buffer.from(text);
  return { name, deflated: deflateRawSync(data), crc: crc32(data), size: data.length };
};

/** A zip file of DEFLATE entries (PKZIP 2.0: local headers, data, central directory, end record). */
function zipFile(entries: readonly ZipEntry[]): Buffer {
  const DEFLATE = 8;
  const VERSION = 20;
  const UTF8_NAMES = 0x800;
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(VERSION, 4);
    dir.writeUInt16LE(VERSION, 6);
    dir.writeUInt16LE(UTF8_NAMES, 8);
    dir.writeUInt16LE(DEFLATE, 10);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.deflated.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    central.push(dir, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

/** The bomb's size unpacked: 950 MB of zeros pack into about 0.95 MB. */
export const BOMB_MB = 950;

/** The issue's zip bomb: a 0.9 MB .docx whose document part unpacks to 950 MB (reading it took over 4 GB). */
export const zipBombDocx = async (): Promise<Uint8Array> =>
  zipFile([deflated('[Content_Types].xml', CONTENT_TYPES), { name: 'word/document.xml', ...deflatedZeros(BOMB_MB) }]);

/** The same bomb whose headers claim the part is 4 KB: only inflating it shows the lie. */
export const lyingZipBomb = async (): Promise<Uint8Array> =>
  zipFile([deflated('[Content_Types].xml', CONTENT_TYPES), { name: 'word/document.xml', ...deflatedZeros(BOMB_MB), declaredSize: 4096 }]);

/** Billion laughs: an entity that expands to gigabytes if an XML parser expands it. */
export const billionLaughsDocx = (): Promise<Uint8Array> => {
  const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
  return docx(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]><w:document ${W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`);
};

/** A part full of tags that never close ("<w:t1 <w:t2 …", numbered so that it packs like text): one pass, not a scan to the end per tag. */
export const unclosedTagsDocx = (): Promise<Uint8Array> =>
  docx(`<w:document ${W}><w:body>${Array.from({ length: 300_000 }, (_, i) => `<w:t${i.toString(36)} `).join('')}</w:body></w:document>`);

/** HTML nested 100,000 elements deep (a recursive reader overflows its stack). */
export const deepHtml = async (): Promise<Uint8Array> => new TextEncoder().encode(`<html><body>${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}</body></html>`);

/** Numbered prose whose fourth item never closes with its units and runs for megabytes. */
export const openItemText = async (): Promise<Uint8Array> => {
  const items = [1, 2, 3].map((i) => `${i}．做好第${i}项工作。（责任单位：县民政局）`).join('\n');
  return new TextEncoder().encode(`2024年青山县政务公开工作要点\n${items}\n4．继续做好工作\n${'做好政府信息公开工作，回应社会关切。\n'.repeat(200_000)}`);
};

export const hostileFiles: readonly HostileFile[] = [
  { what: 'a .docx with a huge gridSpan', name: 'span.docx', bytes: gridSpanDocx, message: /合并单元格跨度异常（1000000000 列，上限 64 列）/ },
  { what: 'an .xlsx with a cell at XFD1048576', name: 'far.xlsx', bytes: farCellXlsx, message: /XFD1048576 处有单元格，超出表格范围/ },
  { what: 'a 0.9 MB zip bomb (950 MB unpacked)', name: 'bomb.docx', bytes: zipBombDocx, message: /压缩内容解压后超过 200\.0 MB.*疑为压缩炸弹/ },
  { what: 'a zip bomb whose headers lie about its size', name: 'liar.docx', bytes: lyingZipBomb, message: /解压后比它声明的大小还大（疑为压缩炸弹/ },
  { what: 'billion laughs in a .docx', name: 'lol.docx', bytes: billionLaughsDocx, message: /DOCTYPE\/实体声明/ },
  { what: 'a .docx part of tags that never close', name: 'tags.docx', bytes: unclosedTagsDocx, message: /文件是空的/ },
  { what: 'HTML nested 100,000 deep', name: 'deep.html', bytes: deepHtml, message: /嵌套过深/ },
  { what: 'a numbered item that never closes', name: 'open.txt', bytes: openItemText, message: /有一个单元格长达 \d+ 字（上限 50000 字）/ },
];
