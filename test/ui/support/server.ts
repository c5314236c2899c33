import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { vi, type MockInstance } from 'vitest';
import { Clock } from '../../../src/common/clock';
import { startApp, testDatabase, type TestApp } from '../../support/app';
import { ADMIN_ENV } from '../../support/world';

export interface UiServer {
  t: TestApp;
  /** http://127.0.0.1:PORT */
  url: string;
  /** Every request that reached the server, as "METHOD /path". */
  requests: string[];
  /** Requests that arrived while the network was cut (and were dropped unanswered). */
  dropped: string[];
  /**
   * Cuts the network between browser and server (connections are dropped before the app sees
   * them), on top of the browser's own offline emulation, whose reach across navigations and
   * service workers is not complete.
   */
  networkDown(down: boolean): void;
  /** The server's "today" (the browser keeps its own clock). */
  clock: MockInstance<() => string>;
  on(date: string): void;
  close(): Promise<void>;
}

/**
 * The real Kansa application (all modules, migrations, a real SQLite file) listening on a free
 * port of 127.0.0.1, serving the built web app at / and the API at /api.
 */
export async function startUiServer(extraEnv: Record<string, string> = {}): Promise<UiServer> {
  const db = await testDatabase('sqlite');
  const t = await startApp({ ...db.env, ...ADMIN_ENV, ...extraEnv }, db.dir, db.drop);
  const requests: string[] = [];
  const dropped: string[] = [];
  let down = false;
  const server = t.app.getHttpServer() as Server;
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (down) {
      dropped.push(`${req.method} ${req.url}`);
      req.socket.destroy();
      return;
    }
    requests.push(`${req.method} ${req.url}`);
    for (const handler of handlers) handler.call(server, req, res);
  });
  await t.app.listen(0, '127.0.0.1');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  const clock = vi.spyOn(t.app.get(Clock), 'today');
  return {
    t,
    url: `http://127.0.0.1:${address.port}`,
    requests,
    dropped,
    networkDown: (value) => {
      down = value;
      // Idle keep-alive connections would otherwise carry requests past the cut.
      if (value) server.closeIdleConnections?.();
    },
    clock,
    on: (date) => {
      clock.mockReturnValue(date);
    },
    close: async () => {
      clock.mockRestore();
      await t.close();
    },
  };
}
