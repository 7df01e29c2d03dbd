// The per-region directory of units: canonical names, the variants they are written as, and what
// kind of unit each is. Built from the tasks at load; nothing here is stored.
import type { Task } from '../model/task.ts';
import { unitRoles } from '../model/task.ts';
import { collectiveScope, type CollectiveScope, unitKey, unitKind, type UnitKind } from '../model/unit-names.ts';

export interface UnitEntry {
  region: string;
  key: string;
  /** The name to show: the most used variant, the longer on a tie. */
  name: string;
  variants: string[];
  kind: UnitKind;
  scope: CollectiveScope | null;
}

export class UnitDirectory {
  private readonly byRegion = new Map<string, Map<string, UnitEntry>>();

  static build(tasks: Iterable<Task>): UnitDirectory {
    const counts = new Map<string, Map<string, Map<string, number>>>();
    for (const task of tasks) {
      const region = counts.get(task.region) ?? new Map<string, Map<string, number>>();
      counts.set(task.region, region);
      for (const role of unitRoles) {
        for (const name of task[role]) {
          const key = unitKey(name);
          const variants = region.get(key) ?? new Map<string, number>();
          region.set(key, variants);
          variants.set(name, (variants.get(name) ?? 0) + 1);
        }
      }
    }
    const dir = new UnitDirectory();
    for (const [region, keys] of counts) {
      const entries = new Map<string, UnitEntry>();
      for (const [key, variants] of keys) {
        const sorted = [...variants].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
        const name = sorted[0]?.[0] ?? key;
        entries.set(key, { region, key, name, variants: sorted.map(([n]) => n), kind: unitKind(name), scope: collectiveScope(name) });
      }
      dir.byRegion.set(region, entries);
    }
    return dir;
  }

  regions(): string[] {
    return [...this.byRegion.keys()];
  }

  entries(region: string): UnitEntry[] {
    return [...(this.byRegion.get(region)?.values() ?? [])];
  }

  get(region: string, key: string): UnitEntry | undefined {
    return this.byRegion.get(region)?.get(key);
  }

  /**
   * Units a person may mean by a name ("民政局", "县医保局", "汶上县财政局", "金融"): the alias key first,
   * then names that contain what was typed. Regions not given means every region.
   */
  find(name: string, regions: readonly string[] = this.regions()): UnitEntry[] {
    const typed = name.replace(/\s+/g, '');
    if (!typed) return [];
    const out: UnitEntry[] = [];
    for (const region of regions) {
      const entries = this.byRegion.get(region);
      if (!entries) continue;
      const local = typed.startsWith(region) ? typed.slice(region.length) : typed;
      const exact = entries.get(unitKey(local));
      if (exact) {
        out.push(exact);
        continue;
      }
      const stem = unitKey(local).replace(/[局委办]$/, '');
      if (Array.from(stem).length < 2) continue;
      for (const entry of entries.values()) {
        if (entry.kind !== 'collective' && entry.variants.some((v) => v.includes(stem))) out.push(entry);
      }
    }
    return out;
  }
}
