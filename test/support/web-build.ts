import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Global setup: the UI tests drive the built web app (web/dist), so build it when it is missing
 * or older than its sources — once per run, before any worker starts.
 */
export default function setup(): void {
  const root = resolve(__dirname, '..', '..');
  const stale = spawnSync(process.execPath, [resolve(root, 'scripts/web-stale.mjs')], { cwd: root }).status === 0;
  if (!stale) return;
  console.log('[kansa] building the web app (npm run build:web)');
  // NODE_ENV=test (set by vitest) would make Vite bundle React's development build.
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
}
