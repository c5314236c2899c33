import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './support/postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the throw-away PostgreSQL cluster, or null where PostgreSQL is not installed. */
    pgAdminUrl: string | null;
  }
}

/** Starts one throw-away PostgreSQL cluster for the whole run (when PostgreSQL is installed). */
export default async function setup(project: TestProject) {
  if (process.env.KANSA_TEST_POSTGRES === '0') {
    project.provide('pgAdminUrl', null);
    return;
  }
  const cluster = await startThrowawayPostgres();
  if (!cluster) {
    console.warn('[kansa] PostgreSQL is not installed: API tests run on SQLite only (scripts/setup.sh installs it).');
  }
  project.provide('pgAdminUrl', cluster?.adminUrl ?? null);
  return () => cluster?.stop();
}
