// Names the operator types, found in the store: a region (or the start of one) and a unit of it.
import { UsageError } from '../errors.ts';
import type { TaskStore } from '../store/task-store.ts';
import type { UnitEntry } from '../store/unit-directory.ts';
import { cliText } from '../texts/cli.ts';
import { chatText } from '../texts/chat.ts';
import { buildKnowledge } from '../core/knowledge.ts';

/** The region named, or the one whose name starts so; a UsageError listing the regions otherwise. */
export function regionOf(store: TaskStore, name: string | undefined): string {
  if (!name) throw new UsageError(cliText.needRegion);
  const known = store.index.regions();
  const region = known.find((r) => r === name || r.startsWith(name));
  if (!region) throw new UsageError(cliText.unknownRegion(name, known));
  return region;
}

/**
 * The units so named in the regions, read as the chat reads them (人社局, 住保中心, a stand-in for a
 * function the region has no unit for); a UsageError in the chat's own words when there is none.
 */
export function unitsNamed(store: TaskStore, name: string, regions: readonly string[]): UnitEntry[] {
  const catalog = buildKnowledge(store.index).catalog;
  const reading = catalog.readUnits(name.replace(/\s+/g, ''), regions);
  const units = [...reading.units, ...reading.standIns.map((s) => s.unit)];
  if (units.length) return [...new Set(units)];
  const word = reading.unresolved[0] ?? catalog.unitWordIn(name, regions);
  const found = word && 'units' in word ? word.units : [];
  if (found.length) return found;
  const suggestions = [...new Set((word?.suggestions ?? []).map((u) => u.name))].join('、');
  throw new UsageError(regions.length === 1 ? chatText.unitNotFoundIn(regions[0] ?? '', name, suggestions) : chatText.unitNotFound(name, suggestions));
}

/** The unit so named in the region. */
export function unitOf(store: TaskStore, name: string, region: string): UnitEntry {
  const [unit] = unitsNamed(store, name, [region]);
  if (!unit) throw new UsageError(chatText.unitNotFoundIn(region, name, ''));
  return unit;
}
