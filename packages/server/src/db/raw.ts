/**
 * The SQL the store needs below Drizzle, the same on PGlite and node-postgres: scripts of several
 * statements (migrations) and plain parameterised queries, inside or outside a transaction.
 */
export interface RawSession {
  /** Run a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Run one parameterised statement and return its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface RawClient extends RawSession {
  /** Run `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: RawSession) => Promise<T>): Promise<T>;
}
