import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/configure-app';
import { createDatabase } from './postgres-cluster';

export type Engine = 'sqlite' | 'postgres';

/** The engines this run can test: SQLite always, PostgreSQL when the global setup started it. */
export function engines(): Engine[] {
  return inject('pgAdminUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  env: Record<string, string>;
  dir: string;
  close(): Promise<void>;
  /** Closes the app but keeps the database, to start it again (restart tests). */
  restart(): Promise<TestApp>;
}

/** A database for one test file: a temporary SQLite file, or a fresh PostgreSQL database. */
export async function testDatabase(engine: Engine): Promise<{ env: Record<string, string>; dir: string; drop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'kansa-test-'));
  const env: Record<string, string> = { NODE_ENV: 'test', DATA_DIR: join(dir, 'data'), PORT: '0', KANSA_LOGIN_LIMIT_PER_MINUTE: '10000' };
  if (engine === 'sqlite') {
    env.DATABASE_URL = `sqlite:${join(dir, 'kansa.sqlite')}`;
    return { env, dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available in this run');
  const database = await createDatabase(adminUrl);
  env.DATABASE_URL = database.url;
  return {
    env,
    dir,
    drop: async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the real application (all modules, migrations, seeding) on the given environment. */
export async function startApp(env: Record<string, string>, dir: string, drop: () => Promise<void> = async () => {}): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(env)] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  configureApp(app);
  await app.init();
  const server = app.getHttpServer();
  const testApp: TestApp = {
    app,
    http: () => request(server),
    dataSource: app.get(DataSource),
    env,
    dir,
    close: async () => {
      await app.close();
      await drop();
    },
    restart: async () => {
      await app.close();
      return startApp(env, dir, drop);
    },
  };
  return testApp;
}

export async function createTestApp(engine: Engine = 'sqlite', extraEnv: Record<string, string> = {}): Promise<TestApp> {
  const database = await testDatabase(engine);
  return startApp({ ...database.env, ...extraEnv }, database.dir, database.drop);
}
