// Spots units and regions in free text. Every way a unit is written or called reaches it: its names as
// written, the forms generated from each name (unit-abbreviations.ts), the alias table, the curated
// national table of everyday names (model/unit-functions.ts), and a homophone of any of them (卫建局 →
// 卫健局). A name is resolved against the units that exist in the region asked about; where the region
// has no such unit, the unit holding the function stands in, said so; a unit word that reaches nothing
// is reported with the closest real names, never searched as a topic.
import { aliasForms, unitKey } from '../model/unit-names.ts';
import { everydayUnitNames, unitFunctionOf, type UnitFunction } from '../model/unit-functions.ts';
import type { Task } from '../model/task.ts';
import type { TaskIndex } from '../store/indexes.ts';
import type { UnitEntry } from '../store/unit-directory.ts';
import { nameWords } from '../search/tokenizer.ts';
import { abbreviations, splitSuffix } from './unit-abbreviations.ts';
import { homophoneKey } from './homophones.ts';

export interface Spotted<T> {
  value: T;
  /** The text as it matched, to be removed from the question. */
  surface: string;
}

/** A unit the region has no unit for, found holding its function: by its name, or by the tasks the plan gives it. */
export interface StandIn {
  region: string;
  unit: UnitEntry;
  /** What was asked for, as typed (人社局), and the function (人社). */
  asked: string;
  label: string;
  by: 'name' | 'tasks';
}

/** A unit word that reached no unit of the regions, with the closest real names. */
export interface UnresolvedUnit {
  asked: string;
  suggestions: UnitEntry[];
}

export interface UnitReading {
  units: UnitEntry[];
  standIns: StandIn[];
  unresolved: UnresolvedUnit[];
  /** The text without the unit names found. */
  rest: string;
}

type Target = { kind: 'unit'; key: string; rank: number } | { kind: 'function'; fn: UnitFunction };

/** How a surface names a unit, best first: as written, by the alias table, by a generated short form. */
const RANK = { written: 0, alias: 1, generated: 2 } as const;
/** Endings of a word that is a unit's name (商投局, 卫建局), for words that reach no unit. */
const UNIT_WORD = /([\p{Script=Han}]{1,10}?(?:管委会|委员会|办公室|中心|局|委|办(?!理|事|法|公)|部(?!门|分|署)|馆|公司|人行|银行))/u;
/** A question word inside a candidate: it is a question, not a unit's name. */
const NOT_A_NAME = /[哪谁啥么吗呢怎]|什么|政策|信息|^(?:全部|内部|外部|干部|局部|部分|总部|中心|本局|该局)$/;
/** Words before a unit's name that are not part of it. */
const LEAD_IN = /^(?:请问|问下|问一下|查下|查一下|看看|你们|我们|咱们|那个|这个|那|这|的|给我|帮我|列出|列一下|说说)+/;
/** A stand-in by tasks needs this many of the function's tasks to lead, and more than any other unit. */
const MIN_STAND_IN_TASKS = 1;
/** Suggestions named for a unit word that reaches nothing. */
const MAX_SUGGESTIONS = 3;

/** A map from surface strings to values, scanned longest-first at each position of a text. */
class SurfaceMap<T> {
  private readonly map = new Map<string, Map<string, T>>();
  private maxLength = 0;

  add(surface: string, id: string, value: T): void {
    if (Array.from(surface).length < 2) return;
    const values = this.map.get(surface) ?? new Map<string, T>();
    if (!values.has(id)) values.set(id, value);
    this.map.set(surface, values);
    this.maxLength = Math.max(this.maxLength, surface.length);
  }

  get(surface: string): T[] {
    return [...(this.map.get(surface)?.values() ?? [])];
  }

  surfaces(): IterableIterator<string> {
    return this.map.keys();
  }

  /** Matches longest-first, with their positions. */
  scan(text: string): Array<{ surface: string; start: number; values: T[] }> {
    const out: Array<{ surface: string; start: number; values: T[] }> = [];
    for (let i = 0; i < text.length; ) {
      let len = Math.min(this.maxLength, text.length - i);
      for (; len >= 2; len--) {
        const values = this.map.get(text.slice(i, i + len));
        if (values) {
          out.push({ surface: text.slice(i, i + len), start: i, values: [...values.values()] });
          break;
        }
      }
      i += len >= 2 ? len : 1;
    }
    return out;
  }
}

/**
 * How people name a region: 汶上县 → 汶上; 济宁高新区 → 高新区 (a zone is called without its city).
 * The base must keep two characters: 冠县 is never 冠.
 */
export function regionAliases(region: string): string[] {
  const chars = Array.from(region);
  const out = new Set<string>();
  if (chars.length >= 3) out.add(chars.slice(0, -1).join(''));
  // A development zone named after its city: 济宁高新区 → 高新区 (not 高新: 高新技术企业 is no region).
  if (chars.length >= 5 && /(?:高新区|开发区|新区|经开区)$/.test(region)) out.add(chars.slice(2).join(''));
  return [...out];
}

const unitTarget = (key: string, rank: number): [string, Target] => [`u:${key}:${rank}`, { kind: 'unit', key, rank }];
const stripped = (name: string): string => name.replace(/^(?:县|区|市(?!场))/, '').replace(/[和与及]/g, '');

export class Catalog {
  private readonly units = new SurfaceMap<Target>();
  private readonly regionNames = new SurfaceMap<string>();
  private readonly functionUnits = new Map<string, UnitEntry[]>();
  private readonly standIns = new Map<string, StandIn | null>();
  private homophones: Map<string, string[]> | null = null;

  constructor(private readonly index: TaskIndex) {
    const generated = new Map<string, string[]>();
    for (const region of index.regions()) {
      this.regionNames.add(region, region, region);
      for (const alias of regionAliases(region)) this.regionNames.add(alias, region, region);
      for (const entry of index.units.entries(region)) {
        for (const variant of entry.variants) {
          const forms = generated.get(`${region}|${variant}`) ?? abbreviations(variant, region, nameWords);
          generated.set(`${region}|${variant}`, forms);
          for (const [i, form] of forms.entries()) this.units.add(form, ...unitTarget(entry.key, i === 0 || !splitSuffix(form).suffix ? RANK.written : RANK.generated));
          this.units.add(variant, ...unitTarget(entry.key, RANK.written));
        }
      }
    }
    for (const form of aliasForms()) {
      for (const level of ['', '县', '区', '市']) this.units.add(level + form, ...unitTarget(unitKey(form), RANK.alias));
    }
    for (const name of everydayUnitNames()) {
      const fn = unitFunctionOf(name);
      if (fn) for (const level of ['', '县', '区', '市']) this.units.add(level + name, `f:${fn.label}`, { kind: 'function', fn });
    }
  }

  /** Regions the text names, in order; a region's name inside a unit's name (微山经济开发区管委会) is the unit's. */
  regionsIn(text: string): Array<Spotted<string>> {
    const regions = this.regionNames.scan(text);
    if (!regions.length) return [];
    const unitSpans = this.units.scan(text).map((u) => [u.start, u.start + u.surface.length] as const);
    return regions
      .filter((r) => !unitSpans.some(([s, e]) => s <= r.start && e >= r.start + r.surface.length && e - s > r.surface.length))
      .flatMap((s) => s.values.map((value) => ({ value, surface: s.surface })));
  }

  /** Units the text names, resolved in the given regions. */
  unitsIn(text: string, regions: readonly string[]): Array<Spotted<UnitEntry[]>> {
    return this.units.scan(text).flatMap((s) => {
      const entries = this.resolve(s.values, regions);
      return entries.length ? [{ value: entries, surface: s.surface }] : [];
    });
  }

  /** Units, stand-ins and unit words that reach nothing, read from a question. */
  readUnits(text: string, regions: readonly string[]): UnitReading {
    const reading: UnitReading = { units: [], standIns: [], unresolved: [], rest: text };
    for (const s of this.units.scan(text)) {
      reading.rest = reading.rest.replace(s.surface, '');
      const entries = this.resolve(s.values, regions);
      if (entries.length) {
        reading.units.push(...entries.filter((e) => !reading.units.includes(e)));
        continue;
      }
      const fn = s.values.find((v): v is Extract<Target, { kind: 'function' }> => v.kind === 'function')?.fn;
      const standIns = fn ? regions.flatMap((r) => this.standIn(fn, r, s.surface) ?? []) : [];
      if (standIns.length) reading.standIns.push(...standIns);
      else reading.unresolved.push({ asked: s.surface, suggestions: this.suggest(s.surface, regions) });
    }
    return reading;
  }

  /**
   * A word of the text that looks like a unit's name (ends in 局, 中心, 办 …) but is none of the
   * regions': by sound it may still be one (卫建局 → 卫健局); else it is reported with suggestions.
   */
  unitWordIn(text: string, regions: readonly string[]): { word: string; units: UnitEntry[]; suggestions: UnitEntry[] } | null {
    const m = UNIT_WORD.exec(text);
    const word = m?.[1]?.replace(LEAD_IN, '');
    if (!word || Array.from(word).length < 2 || NOT_A_NAME.test(word)) return null;
    const sounds = this.homophoneIndex().get(homophoneKey(word)) ?? [];
    const units = [...new Set(sounds.flatMap((surface) => this.resolve(this.units.get(surface), regions)))];
    return { word, units, suggestions: units.length ? [] : this.suggest(word, regions) };
  }

  private resolve(targets: readonly Target[], regions: readonly string[]): UnitEntry[] {
    const out: UnitEntry[] = [];
    for (const region of regions) {
      let best: UnitEntry[] = [];
      let bestRank = Infinity;
      for (const t of targets) {
        if (t.kind !== 'unit' || t.rank > bestRank) continue;
        const entry = this.index.units.get(region, t.key);
        if (!entry) continue;
        if (t.rank < bestRank) best = [];
        bestRank = t.rank;
        if (!best.includes(entry)) best.push(entry);
      }
      if (!best.length) {
        const fn = targets.find((t) => t.kind === 'function');
        if (fn?.kind === 'function') best = this.unitsOfFunction(fn.fn, region);
      }
      out.push(...best.filter((e) => !out.includes(e)));
    }
    return out;
  }

  /** The units holding a function in a region: its own unit, or the one standing in for it. */
  unitsForFunction(fn: UnitFunction, region: string): { units: UnitEntry[]; standIn: StandIn | null } {
    const units = this.unitsOfFunction(fn, region);
    if (units.length) return { units, standIn: null };
    const standIn = this.standIn(fn, region, fn.names[0] ?? fn.label);
    return { units: standIn ? [standIn.unit] : [], standIn };
  }

  /** The region's units whose official name has every word of one of the function's groups. */
  private unitsOfFunction(fn: UnitFunction, region: string): UnitEntry[] {
    const cacheKey = `${region}|${fn.label}`;
    const cached = this.functionUnits.get(cacheKey);
    if (cached) return cached;
    const entries = this.index.units.entries(region).filter((e) => e.kind !== 'collective');
    let found: UnitEntry[] = [];
    for (const group of fn.official) {
      found = entries.filter((e) => e.variants.some((v) => group.every((w) => stripped(v).includes(w))));
      if (found.length) break;
    }
    this.functionUnits.set(cacheKey, found);
    return found;
  }

  /** The unit holding a function the region has no unit for: named for it, or leading its tasks. */
  private standIn(fn: UnitFunction, region: string, asked: string): StandIn | null {
    if (!fn.absorbable) return null;
    const cacheKey = `${region}|${fn.label}`;
    if (!this.standIns.has(cacheKey)) this.standIns.set(cacheKey, this.findStandIn(fn, region));
    const found = this.standIns.get(cacheKey);
    return found ? { ...found, asked } : null;
  }

  private findStandIn(fn: UnitFunction, region: string): StandIn | null {
    const entries = this.index.units.entries(region).filter((e) => e.kind !== 'collective');
    const byName = entries.find((e) => e.variants.some((v) => fn.unitWords.some((w) => v.includes(w))));
    if (byName) return { region, unit: byName, asked: '', label: fn.label, by: 'name' };
    const score = new Map<UnitEntry, number>();
    // Each task counts by how many of the function's words it holds: 义务教育、学前教育 outweigh a passing 学校.
    for (const task of this.index.byRegion.get(region) ?? []) {
      if (!this.index.isCurrent(task)) continue;
      const weight = fn.topics.filter((t) => task.requirement.includes(t)).length;
      if (!weight) continue;
      for (const unit of this.leadsOf(task, region)) score.set(unit, (score.get(unit) ?? 0) + weight);
    }
    const [first, second] = [...score].sort((a, b) => b[1] - a[1]);
    if (!first || first[1] < MIN_STAND_IN_TASKS || (second && second[1] === first[1])) return null;
    return { region, unit: first[0], asked: '', label: fn.label, by: 'tasks' };
  }

  /** The named departments leading a task (responsible ones when it names no lead). */
  private leadsOf(task: Task, region: string): UnitEntry[] {
    const names = task.lead.length ? task.lead : task.responsible;
    return names.flatMap((n) => {
      const e = this.index.units.get(region, unitKey(n));
      return e && e.kind !== 'collective' ? [e] : [];
    });
  }

  /** Real units sharing most characters with what was typed (商投局 → 县商务和投资促进局). */
  private suggest(word: string, regions: readonly string[]): UnitEntry[] {
    const typed = new Set(Array.from(splitSuffix(word.replace(/^[县区市](?!场)/, '')).core));
    if (!typed.size) return [];
    const scored = regions
      .flatMap((r) => this.index.units.entries(r))
      .filter((e) => e.kind !== 'collective')
      .map((e) => ({ e, n: [...typed].filter((c) => e.name.includes(c)).length }))
      .filter((s) => s.n * 2 >= typed.size && s.n >= Math.min(2, typed.size))
      .sort((a, b) => b.n - a.n || a.e.name.length - b.e.name.length);
    return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.e);
  }

  /** Every surface of every unit by how it sounds (pinyin without tones), built on the first word that needs it. */
  private homophoneIndex(): Map<string, string[]> {
    if (!this.homophones) {
      this.homophones = new Map();
      for (const surface of this.units.surfaces()) {
        const key = homophoneKey(surface);
        const list = this.homophones.get(key);
        if (list) list.push(surface);
        else this.homophones.set(key, [surface]);
      }
    }
    return this.homophones;
  }

  /** A region named by what a person typed: 汶上县, 汶上, 冠县. */
  region(name: string): string | null {
    const cleaned = name.replace(/\s+/g, '');
    const spotted = this.regionNames.scan(cleaned)[0];
    return spotted && spotted.surface.length >= cleaned.length - 1 ? (spotted.values[0] ?? null) : null;
  }
}
