// Spots units and regions in free text: every way a unit is written (县民政局, 民政局, 人社局 …) and
// every way a region is named (汶上县, 汶上), matched longest first.
import { aliasForms, unitKey } from '../model/unit-names.ts';
import type { TaskIndex } from '../store/indexes.ts';
import type { UnitEntry } from '../store/unit-directory.ts';

export interface Spotted<T> {
  value: T;
  /** The text as it matched, to be removed from the question. */
  surface: string;
}

const LEVEL = /^[县区市]/;
const PARTY = /^(?:[县区市]?党工委|[县区市]委)/;

/**
 * How people write a unit: as named, without its level (民政局), without its bracketed second name,
 * by that second name (区发展改革局（统计局） → 统计局), and without the party prefix (组织部).
 */
function surfaces(name: string): string[] {
  const out = new Set<string>([name]);
  const bracket = /^(.*?)[（(〈]([^）)〉]+)[）)〉]$/u.exec(name);
  const base = bracket?.[1] ?? name;
  out.add(base);
  if (bracket?.[2] && /[局部办委室中心]$/.test(bracket[2])) out.add(bracket[2]);
  for (const n of [...out]) {
    const bare = n.replace(LEVEL, '');
    if (Array.from(bare).length >= 3) out.add(bare);
    const party = bare.replace(PARTY, '');
    if (party !== bare && Array.from(party).length >= 3) out.add(party);
  }
  return [...out];
}

/** A map from surface strings to values, scanned longest-first at each position of a text. */
class SurfaceMap<T> {
  private readonly map = new Map<string, Set<T>>();
  private maxLength = 0;

  add(surface: string, value: T): void {
    if (Array.from(surface).length < 2) return;
    const set = this.map.get(surface) ?? new Set<T>();
    set.add(value);
    this.map.set(surface, set);
    this.maxLength = Math.max(this.maxLength, surface.length);
  }

  scan(text: string): Array<Spotted<Set<T>>> {
    const out: Array<Spotted<Set<T>>> = [];
    for (let i = 0; i < text.length; ) {
      let found = false;
      for (let len = Math.min(this.maxLength, text.length - i); len >= 2; len--) {
        const surface = text.slice(i, i + len);
        const values = this.map.get(surface);
        if (values) {
          out.push({ value: values, surface });
          i += len;
          found = true;
          break;
        }
      }
      if (!found) i++;
    }
    return out;
  }
}

export class Catalog {
  private readonly units = new SurfaceMap<string>();
  private readonly regionNames = new SurfaceMap<string>();

  constructor(private readonly index: TaskIndex) {
    for (const region of index.regions()) {
      this.regionNames.add(region, region);
      const base = region.slice(0, -1);
      if (Array.from(base).length >= 2) this.regionNames.add(base, region);
      for (const entry of index.units.entries(region)) {
        for (const variant of entry.variants) for (const surface of surfaces(variant)) this.units.add(surface, entry.key);
      }
    }
    for (const form of aliasForms()) {
      const key = unitKey(form);
      this.units.add(form, key);
      for (const level of ['县', '区', '市']) this.units.add(level + form, key);
    }
  }

  /** Regions the text names, in order. */
  regionsIn(text: string): Array<Spotted<string>> {
    return this.regionNames.scan(text).flatMap((s) => [...s.value].map((value) => ({ value, surface: s.surface })));
  }

  /** Units the text names, resolved in the given regions. */
  unitsIn(text: string, regions: readonly string[]): Array<Spotted<UnitEntry[]>> {
    const out: Array<Spotted<UnitEntry[]>> = [];
    for (const spotted of this.units.scan(text)) {
      const entries: UnitEntry[] = [];
      for (const key of spotted.value) {
        for (const region of regions) {
          const entry = this.index.units.get(region, key);
          if (entry && !entries.includes(entry)) entries.push(entry);
        }
      }
      if (entries.length) out.push({ value: entries, surface: spotted.surface });
    }
    return out;
  }

  /** A region named by what a person typed: 汶上县, 汶上, 冠县. */
  region(name: string): string | null {
    const cleaned = name.replace(/\s+/g, '');
    const spotted = this.regionsIn(cleaned)[0];
    return spotted && spotted.surface.length >= cleaned.length - 1 ? spotted.value : null;
  }
}
