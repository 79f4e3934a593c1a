export interface EmbeddedServer {
  /** The superuser's URL, on the `postgres` database. */
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}
export function freePort(): Promise<number>;
/** With `dir` (a folder a previous server used), starts that server again on its data. */
export function startEmbeddedPostgres(options?: { port?: number; dir?: string }): Promise<EmbeddedServer>;
