/** A running intake server under test: on Node here, on workerd in the Workers adapter's tests. */
export interface Target {
  readonly baseUrl: string;
  readonly registrarToken: string;
  readonly adminToken: string;
  departmentToken(code: string): string;
  /** Counts of what a rejected request must not change: register, documents, queue, files. */
  snapshot(): Promise<Record<string, number>>;
  /** Runs SQL on the server's database as an intruder with the files would (writes for update, insert, delete). */
  sql<T>(query: string, params?: unknown[]): T[];
  /** Restarts the server on the same data, optionally with more environment. */
  restart(env?: Record<string, string>): Promise<void>;
  /** The server's data folder (its CA and service key are in pki/). */
  readonly dataDir: string;
  stop(): Promise<void>;
}

export type TargetFactory = (env?: Record<string, string>) => Promise<Target>;
