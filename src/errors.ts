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
    super(`无法导入 ${file}：${reason}`, options);
  }
}

/** The task store could not be read, validated, locked or written. */
export class StoreError extends ZwgkError {}

/** The configuration is missing or invalid. */
export class ConfigError extends ZwgkError {}

/** A chat platform adapter failed. */
export class AdapterError extends ZwgkError {}

/** Bad command-line usage. */
export class UsageError extends ZwgkError {}
