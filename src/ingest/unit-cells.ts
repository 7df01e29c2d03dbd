// Splits a unit cell ("各乡镇（街道）人民政府（办事处），县财政局、县税务局等县政府有关部门、单位") into unit names.
import { type UnitRole, unitRoles } from '../model/task.ts';
import { fullWidthBrackets, halfWidthAlnum, stripMarkup } from './text.ts';

/** A unit name ends with one of these; a fragment that does not is a name broken by OCR or a line wrap. */
const NAME_END = /(?:[局委办室院馆会所站队司部处科团行道镇乡区县府位门厅组社台校心联）〉]|公司|集团|中心|企业)$/u;
/** A line holding the tail of a name broken over lines: 微山县分中心, （交通）. */
const TAIL_LINE = /^(?:[（〈]|\p{Script=Han}{1,4}[县区市]分(?:中心|局|公司|院|所)$)/u;

const SEPARATORS = new Set(['、', '，', ',', '；', ';', '\n']);
const OPEN = new Set(['（', '〈', '《', '[']);
const CLOSE = new Set(['）', '〉', '》', ']']);

function joinLines(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    if (prev !== undefined && (TAIL_LINE.test(line) || !NAME_END.test(prev) && !/[、，,；;]$/.test(prev))) {
      out[out.length - 1] = prev + line;
    } else out.push(line);
  }
  return out.join('\n');
}

/** Spaces separate units in OCR'd cells but also split names ("单 位"): rejoin where a name is unfinished. */
function joinSpaced(line: string): string {
  const tokens = line.split(/[ \t\u3000\u00a0]+/).filter(Boolean);
  let out = '';
  for (const token of tokens) {
    if (!out) out = token;
    else if (/^[（〈]/.test(token) || !NAME_END.test(out) && !/[、，,；;]$/.test(out)) out += token;
    else out += '、' + token;
  }
  return out;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATORS.has(ch)) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** "各乡镇（街道）人民政府（办事处）" → "各乡镇（街道）"; "各街道办事处" → "各街道". */
export function normalizeCollective(name: string): string {
  const m = /^(各(?:乡镇|镇|乡|街道)(?:[（〈][^）〉]*[）〉])?)(?:人民)?(?:政府|办事处)(?:[（〈]办事处[）〉])?$/u.exec(name);
  return m?.[1] ?? name;
}

const NOISE = /^(?:等)?(?:有关|相关)?(?:部门|单位|机构)+(?:、?单位)?$/;

/** Splits one cell into unit names as written, with collectives kept and noise (等部门单位) dropped. */
export function splitUnitCell(cell: string): string[] {
  const text = joinLines(fullWidthBrackets(halfWidthAlnum(stripMarkup(cell))))
    .split('\n')
    .map(joinSpaced)
    .join('\n');
  const parts = splitTopLevel(text);

  // "县政府有关部门、单位" is one collective, split by the 、 above; "各驻区、单位" is OCR's split of 各驻区单位.
  const joined: string[] = [];
  for (const part of parts) {
    const prev = joined.at(-1);
    if (prev !== undefined && /^单位/.test(part)) joined[joined.length - 1] = /部门$/.test(prev) ? `${prev}、${part}` : prev + part;
    else joined.push(part);
  }

  const names: string[] = [];
  for (const part of joined) {
    const m = /^(.+?)等(.*(?:部门|单位|机构).*)$/u.exec(part);
    const pieces = m ? [m[1] ?? '', /^(?:县|区|市|乡镇|各)/.test(m[2] ?? '') ? (m[2] ?? '') : ''] : [part];
    for (const piece of pieces) {
      // "财政所、土管所等": a list ending in 等 names its units all the same.
      const name = normalizeCollective(piece.replace(/[。.：:]+$/u, '').replace(/^[：:]/, '').replace(/(?<=\p{Script=Han}{2})等$/u, '').trim());
      if (name && !NOISE.test(name) && /\p{Script=Han}/u.test(name)) names.push(name);
    }
  }
  return [...new Set(names)];
}

type RoleCells = Record<UnitRole, string>;

/** Clauses of a unit cell that say their own role: "X牵头", "Y配合", "Z负责落实", "X会办Y". */
const LEAD_CLAUSE = /^(.+?)(?:分别)?(?:牵头(?:落实|负责|办理)?|主责)$/u;
const COOPERATE_CLAUSE = /^(.+?)(?:配合|协助|协办|参与)(?:落实)?$/u;
const RESPONSIBLE_CLAUSE = /^(.+?)(?:等)?(?:按职责分工|按职责)?(?:负责落实|负责|落实)$/u;
/** "宣传处会办公室": the first unit leads, together with (会, 会同) the second. */
const JOINT = /^(.+?[处科室局委办股所队])会(?:同)?(.+[处科室局委办股所队心])$/u;
const STANDING_RULE = /以下|不再|逐一|均需|列出/u;

/** Top-level clauses of a cell (commas and semicolons outside brackets). */
function clauses(cell: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of cell) {
    if ('（(〈《['.includes(ch)) depth++;
    else if ('）)〉》]'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && '，,；;'.includes(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((c) => c.trim().replace(/[。.]$/, '')).filter(Boolean);
}

/**
 * A unit cell whose clauses say their roles ("办公室牵头，各科室配合"; "宣传处会办公室"; "市发改委牵头落实";
 * "…各乡镇街道负责落实") split by role; clauses without a role word keep the column's role. Cells
 * without any role word come back as they are.
 */
export function splitRoles(cells: RoleCells): RoleCells {
  const marked = unitRoles.some((role) => clauses(cells[role]).some((c) => JOINT.test(c) || LEAD_CLAUSE.test(c) || COOPERATE_CLAUSE.test(c) || RESPONSIBLE_CLAUSE.test(c)));
  if (!marked) return { lead: cells.lead, responsible: cells.responsible, cooperating: cells.cooperating };
  const out: RoleCells = { lead: '', responsible: '', cooperating: '' };
  const add = (role: UnitRole, text: string): void => {
    out[role] = out[role] ? `${out[role]}、${text}` : text;
  };
  for (const role of unitRoles) {
    // A standing rule written among the units ("以下均需各县市区落实，不再逐一列出") names no unit of its own.
    for (const clause of clauses(cells[role]).filter((c) => !STANDING_RULE.test(c))) {
      const joint = JOINT.exec(clause);
      const lead = LEAD_CLAUSE.exec(clause);
      const coop = COOPERATE_CLAUSE.exec(clause);
      const resp = RESPONSIBLE_CLAUSE.exec(clause);
      if (joint?.[1] && joint[2]) {
        add('lead', joint[1]);
        add('cooperating', joint[2]);
      } else if (lead?.[1]) add('lead', lead[1]);
      else if (coop?.[1]) add('cooperating', coop[1]);
      else if (resp?.[1] && role !== 'cooperating') add(role, resp[1]);
      else add(role, clause);
    }
  }
  return out;
}
