// What the running bot knows about its own health, for the operator who asks "why didn't the reminder
// come?": which adapters are up, the last successful send (and the last failure) per target. Kept in
// memory, served at /healthz, and written to a small status file next to the store (atomically, every
// heartbeat and soon after a change) so that `cli status` can read it from another process — and still
// tell what the bot last knew when it has died.
import { hostname } from 'node:os';
import { Hono } from 'hono';
import { z } from 'zod';
import { messageOf } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Reply } from '../model/reply.ts';
import type { Notifier, Target } from '../platform/adapter.ts';
import { instanceFile, type InstanceFile } from '../store/instance-file.ts';
import type { HttpMount } from './http-server.ts';

/** The status file is rewritten at least this often while the bot runs. */
export const HEARTBEAT_MS = 30_000;
/** A status file not rewritten for this long belongs to a bot that is stuck or gone. */
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;
/** After a change, the status file is rewritten this soon (changes in a burst are written once). */
const CHANGE_DEBOUNCE_MS = 1_000;
/** The status keeps the last sends of at most this many targets (the least recently sent to are dropped). */
export const MAX_TARGETS = 1000;
/** An error kept for the status is clipped to this many characters. */
const MAX_ERROR_CHARS = 300;

const AdapterHealthSchema = z.object({
  name: z.string(),
  state: z.enum(['up', 'failed', 'stopped']),
  since: z.string(),
  error: z.string().optional(),
});
export type AdapterHealth = z.infer<typeof AdapterHealthSchema>;

const SendHealthSchema = z.object({
  target: z.string(),
  lastOk: z.string().optional(),
  lastFailure: z.object({ at: z.string(), error: z.string() }).optional(),
});
export type SendHealth = z.infer<typeof SendHealthSchema>;

export const HealthStatusSchema = z.object({
  pid: z.number().int(),
  host: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** False once the bot has stopped cleanly. */
  running: z.boolean(),
  adapters: z.array(AdapterHealthSchema),
  robots: z.array(z.string()),
  sends: z.array(SendHealthSchema),
  http: z.object({ host: z.string(), port: z.number().int().nullable() }).nullable(),
  segmenter: z.string(),
});
export type HealthStatus = z.infer<typeof HealthStatusSchema>;

/** Where the running bot writes its status: beside the store. */
export const statusPath = (storePath: string): string => `${storePath}.status.json`;

const clipError = (error: unknown): string => messageOf(error).slice(0, MAX_ERROR_CHARS);

export interface HealthOptions {
  now: () => Date;
  logger: Logger;
  /** The status file; none: kept in memory only (tests). */
  path?: string;
  robots?: readonly string[];
  segmenter?: string;
}

export class Health {
  private readonly adapters = new Map<string, AdapterHealth>();
  private readonly sends = new Map<string, SendHealth>();
  private http: HealthStatus['http'] = null;
  private readonly startedAt: string;
  private running = true;
  private readonly file: InstanceFile<HealthStatus> | null;
  private heartbeat: NodeJS.Timeout | null = null;
  private pending: NodeJS.Timeout | null = null;

  constructor(private readonly options: HealthOptions) {
    this.startedAt = options.now().toISOString();
    this.file = options.path ? instanceFile(options.path, HealthStatusSchema) : null;
  }

  adapterUp(name: string): void {
    this.setAdapter({ name, state: 'up', since: this.options.now().toISOString() });
  }

  adapterFailed(name: string, error: unknown): void {
    this.setAdapter({ name, state: 'failed', since: this.options.now().toISOString(), error: clipError(error) });
  }

  adapterStopped(name: string): void {
    this.setAdapter({ name, state: 'stopped', since: this.options.now().toISOString() });
  }

  listening(host: string, port: number | null): void {
    this.http = { host, port };
    this.changed();
  }

  /** Records the outcome of one send to a target ("telegram:-100", "robot:ops"); passes the outcome on. */
  async track(target: string, sending: Promise<void>): Promise<void> {
    try {
      await sending;
    } catch (error) {
      this.recordSend(target, { lastFailure: { at: this.options.now().toISOString(), error: clipError(error) } });
      throw error;
    }
    this.recordSend(target, { lastOk: this.options.now().toISOString() });
  }

  /** The channel, its sends recorded under the target's key ("telegram:-100", "robot:ops"). */
  recorded(channel: Notifier, targetOf: (target: Target) => string): Notifier {
    return { name: channel.name, send: (target: Target, reply: Reply) => this.track(targetOf(target), channel.send(target, reply)) };
  }

  status(): HealthStatus {
    return {
      pid: process.pid,
      host: hostname(),
      startedAt: this.startedAt,
      updatedAt: this.options.now().toISOString(),
      running: this.running,
      adapters: [...this.adapters.values()],
      robots: [...(this.options.robots ?? [])],
      sends: [...this.sends.values()].sort((a, b) => a.target.localeCompare(b.target)),
      http: this.http,
      segmenter: this.options.segmenter ?? 'unknown',
    };
  }

  /** Healthy: every adapter that was started is up. */
  healthy(): boolean {
    const adapters = [...this.adapters.values()];
    return adapters.length > 0 && adapters.every((a) => a.state === 'up');
  }

  /** Writes the status now and at every heartbeat until stop(). */
  start(heartbeatMs = HEARTBEAT_MS): void {
    void this.write();
    this.heartbeat = setInterval(() => void this.write(), heartbeatMs);
    this.heartbeat.unref();
  }

  /** Writes the status now. */
  flush(): Promise<void> {
    return this.write();
  }

  /** Writes the final status: stopped. */
  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.pending) clearTimeout(this.pending);
    this.heartbeat = this.pending = null;
    this.running = false;
    await this.write();
  }

  /** The /healthz route: 200 when every started adapter is up, 503 otherwise. No chat ids, no errors. */
  mount(): HttpMount {
    return {
      prefix: '/healthz',
      routes: () =>
        new Hono().get('/', (c) => {
          const s = this.status();
          const body = { status: this.healthy() ? 'ok' : 'degraded', startedAt: s.startedAt, adapters: s.adapters.map(({ name, state, since }) => ({ name, state, since })) };
          return c.json(body, this.healthy() ? 200 : 503);
        }),
    };
  }

  private setAdapter(health: AdapterHealth): void {
    this.adapters.set(health.name, health);
    this.changed();
  }

  private recordSend(target: string, outcome: Partial<SendHealth>): void {
    const before = this.sends.get(target);
    // Re-inserted, so that the map's order is the order of the last send: the oldest is first to go.
    this.sends.delete(target);
    this.sends.set(target, { ...before, target, ...outcome });
    if (this.sends.size > MAX_TARGETS) this.sends.delete(this.sends.keys().next().value as string);
    this.changed();
  }

  private changed(): void {
    if (!this.heartbeat || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      void this.write();
    }, CHANGE_DEBOUNCE_MS);
    this.pending.unref();
  }

  private async write(): Promise<void> {
    if (!this.file) return;
    // Health is never worth stopping for: a status that cannot be written is logged.
    await this.file.write(this.status()).catch((error: unknown) => this.options.logger.warn('health: status file not written', { path: this.file?.path, error }));
  }
}
