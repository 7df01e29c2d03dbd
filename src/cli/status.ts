// `cli status`: what an operator checks before asking "why didn't the reminder come?". The running
// bot's own view comes from the status file it rewrites every heartbeat (src/app/health.ts): whether it
// runs (its pid alive on this machine, the file fresh), its adapters, the last send per target. The
// store adds what the bot has recorded durably: subscriptions, the last digest per chat, digests being
// retried, reminder slots pending, and the file's size and last write. Exit 0 when all is well.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { loadConfig } from '../config.ts';
import { type HealthStatus, HealthStatusSchema, STALE_AFTER_MS, statusPath } from '../app/health.ts';
import type { DigestRecord, Subscription } from '../model/records.ts';
import { instanceFile } from '../store/instance-file.ts';
import { dataFiles, type StoreSettings } from '../store/open.ts';
import { emptyStore, type StoreData } from '../store/schema.ts';
import { countsOf } from '../store/backup.ts';
import { commandText, type StatusReport, type TargetStatus, statusText } from '../texts/cli.ts';
import { addDays, shanghaiDate, shanghaiInstant } from '../time.ts';
import type { Command, CommandInput } from './command.ts';
import { withStore } from './store-access.ts';

const EXIT = { healthy: 0, unhealthy: 1 } as const;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Running, stuck (alive but silent), stopped, or never seen — from the status file. */
export function botState(health: HealthStatus | null, now: Date, isAlive: (pid: number) => boolean = alive): StatusReport['bot']['state'] {
  if (!health) return 'unknown';
  const mine = health.host === hostname();
  if (!health.running || (mine && !isAlive(health.pid))) return 'stopped';
  return now.getTime() - new Date(health.updatedAt).getTime() > STALE_AFTER_MS ? 'unresponsive' : 'running';
}

const FINAL: ReadonlySet<DigestRecord['state']> = new Set(['sent', 'empty', 'quiet', 'missed']);

/** When the subscription's next digest is due: today at its time if not done yet, else tomorrow. */
function nextDigest(sub: Subscription, digests: readonly DigestRecord[], now: Date): string {
  const today = shanghaiDate(now);
  const doneToday = digests.some((d) => d.chat === sub.chat && d.day === today && FINAL.has(d.state));
  const todayAt = shanghaiInstant(today, sub.digestTime);
  return (todayAt > now && !doneToday ? todayAt : shanghaiInstant(addDays(today, 1), sub.digestTime)).toISOString();
}

/** Per target: the bot's last sends (status file), and from the store its digests. */
function targets(health: HealthStatus | null, data: Readonly<StoreData>, now: Date): TargetStatus[] {
  const byTarget = new Map<string, TargetStatus>();
  const get = (target: string): TargetStatus => byTarget.get(target) ?? byTarget.set(target, { target }).get(target)!;
  for (const robot of health?.robots ?? []) get(robot);
  for (const s of health?.sends ?? []) Object.assign(get(s.target), { lastOk: s.lastOk, lastFailure: s.lastFailure });
  for (const sub of data.subscriptions) {
    const t = get(sub.chat);
    const digests = data.digests.filter((d) => d.chat === sub.chat);
    t.lastDigest = digests.filter((d) => d.state === 'sent').map((d) => d.at).sort().at(-1);
    const failing = digests.find((d) => d.state === 'failed');
    if (failing) t.retrying = { day: failing.day, attempts: failing.attempts, nextAttemptAt: failing.nextAttemptAt };
    t.nextDigest = nextDigest(sub, data.digests, now);
  }
  return [...byTarget.values()].sort((a, b) => a.target.localeCompare(b.target));
}

/** The data files' total size and last write (a database has none: 0 bytes, no time). */
async function filesOf(settings: StoreSettings): Promise<{ bytes: number; modifiedAt: string | null }> {
  const stats = (await Promise.all(dataFiles(settings).map((f) => stat(f).catch(() => null)))).filter((s) => s !== null);
  const last = Math.max(...stats.map((s) => s.mtimeMs));
  return { bytes: stats.reduce((n, s) => n + s.size, 0), modifiedAt: stats.length ? new Date(last).toISOString() : null };
}

export async function statusReport(settings: StoreSettings, location: string, data: Readonly<StoreData>, now: Date): Promise<StatusReport> {
  const health = await instanceFile(statusPath(settings.path), HealthStatusSchema).read().catch(() => null);
  const files = await filesOf(settings);
  const pending = data.reminders.filter((r) => r.state === 'pending');
  const state = botState(health, now);
  const report: StatusReport = {
    bot: { state, pid: health?.pid, startedAt: health?.startedAt, updatedAt: health?.updatedAt },
    adapters: health?.adapters ?? [],
    http: health?.http ?? null,
    segmenter: health?.segmenter,
    targets: targets(health, data, now),
    reminders: { subscriptions: data.subscriptions.length, pendingSlots: pending.length, oldestPending: pending.map((r) => r.updatedAt).sort()[0], retrying: data.digests.filter((d) => d.state === 'failed').length },
    store: { path: location, ...files, counts: countsOf(data as StoreData) },
    healthy: false,
  };
  report.healthy = state === 'running' && report.adapters.every((a) => a.state === 'up') && report.reminders.retrying === 0;
  return report;
}

async function runStatus({ values, io }: CommandInput): Promise<number> {
  const now = io.now();
  const { store: settings } = loadConfig(io.env);
  // Asking about a store not built yet builds nothing.
  const report =
    settings.databaseUrl || existsSync(settings.path)
      ? await withStore(io, 'read', (store) => statusReport(settings, store.location, store.data, now))
      : await statusReport(settings, settings.path, emptyStore(), now);
  io.out(values.json ? JSON.stringify(report) : statusText.render(report));
  return report.healthy ? EXIT.healthy : EXIT.unhealthy;
}

export const statusCommands = {
  status: { ...commandText.status, run: runStatus },
} satisfies Record<string, Command>;
