// Names the operator types, found in the store: a region (or the start of one) and a unit of it.
import { UsageError } from '../errors.ts';
import type { TaskStore } from '../store/task-store.ts';
import type { UnitEntry } from '../store/unit-directory.ts';
import { cliText } from '../texts/cli.ts';

/** The region named, or the one whose name starts so; a UsageError listing the regions otherwise. */
export function regionOf(store: TaskStore, name: string | undefined): string {
  if (!name) throw new UsageError(cliText.needRegion);
  const known = store.index.regions();
  const region = known.find((r) => r === name || r.startsWith(name));
  if (!region) throw new UsageError(cliText.unknownRegion(name, known));
  return region;
}

/** The units so named in the regions; a UsageError when there is none. */
export function unitsNamed(store: TaskStore, name: string, regions: readonly string[]): UnitEntry[] {
  const units = store.index.units.find(name, regions);
  if (!units.length) throw new UsageError(cliText.unknownUnit(name));
  return units;
}

/** The unit so named in the region. */
export function unitOf(store: TaskStore, name: string, region: string): UnitEntry {
  const [unit] = unitsNamed(store, name, [region]);
  if (!unit) throw new UsageError(cliText.unknownUnit(name));
  return unit;
}
