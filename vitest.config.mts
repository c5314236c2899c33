import { defineConfig } from 'vitest/config';
import swc from 'unplugin-swc';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts', 'test/support/web-build.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // API tests each open their own SQLite file; two workers match the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
  },
  plugins: [
    swc.vite({
      module: { type: 'es6' },
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
    }),
  ],
});
