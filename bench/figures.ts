// The benchmark's figures: each named, with its unit, its target (if any) and peer ratios; printed for
// people as they are measured (to stderr under --json) and, with --json, all at the end as one JSON
// object on stdout (name → value, unit, target, peers) so runs can be compared over time.

export interface Figure {
  value: number;
  unit: string;
  /** The figure must be at most this (or, with `atLeast`, at least). */
  target?: number;
  atLeast?: boolean;
  /** For a peer comparison: the peer's figure divided by ours (above 1: we are faster). */
  peers?: Record<string, number>;
  note?: string;
}

export class Figures {
  private readonly figures = new Map<string, Figure>();

  constructor(private readonly json: boolean) {}

  /** A line for people: to stdout, or to stderr when stdout is for JSON. */
  say(line: string): void {
    (this.json ? process.stderr : process.stdout).write(`${line}\n`);
  }

  add(name: string, figure: Figure): Figure {
    this.figures.set(name, figure);
    return figure;
  }

  /** The names of the figures that missed their target. */
  missed(): string[] {
    return [...this.figures].filter(([, f]) => f.target !== undefined && (f.atLeast ? f.value < f.target : f.value > f.target)).map(([name]) => name);
  }

  print(): void {
    if (this.json) process.stdout.write(`${JSON.stringify(Object.fromEntries(this.figures), null, 2)}\n`);
  }
}

/** The q-quantile of sorted times. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export const fixed = (x: number, digits = 3): string => x.toFixed(digits);
