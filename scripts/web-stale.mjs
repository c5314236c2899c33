#!/usr/bin/env node
// Exit 0 when web/dist must be (re)built: missing, or older than any web source, the audit
// domain it imports (src/audit) or the lock file. Used by scripts/setup.sh and the test setup.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('.', import.meta.url).pathname, '..');
const built = join(root, 'web', 'dist', 'index.html');
if (!existsSync(built) || !existsSync(join(root, 'web', 'dist', 'sw.js'))) process.exit(0);
const builtAt = statSync(built).mtimeMs;
const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.mts', 'src/audit', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

process.exit(sources.some((p) => newest(join(root, p)) > builtAt) ? 0 : 1);
