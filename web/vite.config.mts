import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, transformWithOxc, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Emits /sw.js: web/src/sw.ts with the build's file list (the app shell) and a cache name
 * derived from it, so a new build replaces the old cache. No runtime dependency, no inline script.
 */
function serviceWorker(): Plugin {
  return {
    name: 'kansa-service-worker',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const shell = ['/index.html', ...files.filter((f) => f !== 'index.html').map((f) => `/${f}`), '/favicon.svg'];
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(resolve(here, 'src/sw.ts'), 'utf8')
        .replace("'__KANSA_SHELL__'", JSON.stringify(JSON.stringify(shell)))
        .replace('__KANSA_VERSION__', version);
      const { code } = await transformWithOxc(source, 'sw.ts', { lang: 'ts' });
      // A service worker is a classic script: drop the `export {}` that makes sw.ts a module for tsc.
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: code.replace(/^export\s*\{\s*\};?\s*$/m, '') });
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  publicDir: resolve(here, 'public'),
  plugins: [serviceWorker()],
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npx vite --config web/vite.config.mts` during development, with Kansa on port 3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
    fs: { allow: [resolve(here, '..')] },
  },
});
