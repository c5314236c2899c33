import { Logger, type INestApplication } from '@nestjs/common';
import { static as staticFiles } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { PROJECT_ROOT } from './paths';

/** The built browser app (npm run build:web; scripts/setup.sh builds it on install). */
export const WEB_DIST_DIR = resolve(PROJECT_ROOT, 'web', 'dist');

/**
 * Serves the web app at `/`: the built files with caching fit for each (hashed assets for a
 * year, the shell and the service worker revalidated), and index.html for every other page
 * address so the app's own routes load directly (SPA fallback). /api is never answered here —
 * it falls through to Nest and its access guard. Registered after helmet, so every file carries
 * the same security headers and CSP (the app has no inline script).
 */
export function serveWebApp(app: INestApplication, root = WEB_DIST_DIR): boolean {
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    if (process.env.NODE_ENV !== 'test') {
      new Logger('Web').warn(`The web app is not built (${index} missing): run "npm run build:web". The API works without it.`);
    }
    return false;
  }
  // Static files for everything but /api: the API's requests never touch the disk here.
  const files = staticFiles(root, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      if (path.includes(`${sep}assets${sep}`)) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      } else {
        res.setHeader('Cache-Control', 'no-cache');
      }
      if (basename(path) === 'sw.js') res.setHeader('Service-Worker-Allowed', '/');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => (isApi(req.path) ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (isApi(req.path)) return next();
    // A missing file (/assets/x.js, /favicon.ico) is a 404, not the app shell.
    if (/\.[A-Za-z0-9]+$/.test(req.path)) return next();
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
