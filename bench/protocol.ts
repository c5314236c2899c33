/** The IPC messages between bench/run.ts (parent) and bench/server.ts (the server under measurement). */
export interface Request {
  id: number;
  cmd: string;
  args?: unknown;
}

export type Response = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface Ready {
  type: 'ready';
  port: number;
  pid: number;
}
