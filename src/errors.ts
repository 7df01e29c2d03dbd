// Named error classes: each says what went wrong, where, and what to do, and keeps the underlying cause.

export class ZwgkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A document could not be imported. Nothing was written. */
export class ImportError extends ZwgkError {
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}

/** Raised by layouts for input they recognise but cannot use; the message is the reason (texts/ingest.ts), the importer adds the file name. */
export class LayoutError extends ZwgkError {}

/** A file exceeds one of the importer's limits (size, unpacked size, rows, nesting, time …): named, with the limit. */
export class LimitError extends LayoutError {
  constructor(
    readonly limit: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The task store could not be read, validated, locked or written. */
export class StoreError extends ZwgkError {}

/** The PostgreSQL engine could not reach its database, or the database refused a migration. */
export class DatabaseError extends StoreError {}

/** Another live process on this machine holds the store's lock (pid, and since when): the store may still be read. */
export class StoreLockedError extends StoreError {
  constructor(
    readonly pid: number,
    readonly since: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Nobody listens at the running bot's control socket: no bot runs there, or one that predates it. */
export class ControlUnavailableError extends ZwgkError {}

/**
 * The store's lock file exists but holds no pid (empty or garbled: left by an older version, or
 * edited by hand). It is never taken for stale; the operator decides. The store may still be read.
 */
export class StoreLockUnreadableError extends StoreError {}

/** One wrong or missing configuration variable: which one, where in it, and what kind of problem. */
export interface ConfigProblem {
  variable: string;
  code:
    | 'url'
    | 'platform-id'
    | 'telegram-token'
    | 'webhook-secret'
    | 'port'
    | 'feishu-app-id'
    | 'aes-key'
    | 'ws-url'
    | 'database-url'
    | 'database-schema'
    | 'requires'
    | 'missing'
    | 'not-text'
    | 'not-object'
    | 'enum'
    | 'robot-type'
    | 'json'
    | 'duplicate'
    | 'unknown-target'
    | 'invalid';
  /** For list variables (ZWGK_ROBOTS): the item, counted from 1, and its field. */
  item?: number;
  field?: string;
  /** For 'requires': the variable that needs this one. For 'unknown-target': the target named. */
  requires?: string;
  target?: string;
  /** For 'enum': the values allowed. */
  allowed?: readonly string[];
}

/** The configuration is missing or invalid: every problem at once. People read it through texts/config.ts. */
export class ConfigError extends ZwgkError {
  constructor(readonly problems: ConfigProblem[]) {
    super(`invalid configuration: ${problems.map((p) => [p.variable, p.item, p.field, p.code].filter((x) => x !== undefined).join(' ')).join('; ')}`);
  }
}

/** A chat platform adapter failed. */
export class AdapterError extends ZwgkError {}

/** The web 台账 cannot work as configured (its signing key unreadable …). */
export class WebError extends ZwgkError {}

/** A sign-in link was redeemed a second time (found in the store as it was about to be recorded). */
export class LinkUsedError extends WebError {}

/** Bad command-line usage. */
export class UsageError extends ZwgkError {}

/** The message of anything thrown, for logs and error chains. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
