// What the PostgreSQL engine needs of a connection: queries, transactions and notifications. The
// server driver (pg) implements it; tests also run it on an in-process PostgreSQL (PGlite).
export interface SqlRows<R> {
  rows: R[];
}

export interface SqlSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlRows<R>>;
}

export interface SqlDriver extends SqlSession {
  /** Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
  /** Calls `onNotify` with each payload sent on the channel; resolves to a function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
