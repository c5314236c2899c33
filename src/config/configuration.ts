import { resolve } from 'node:path';

/** The settings Kansa reads from its environment, with their documented defaults. */
export interface KansaConfig {
  port: number;
  /** Where uploaded files and rendered reports live. */
  dataDir: string;
  database: DatabaseConfig;
  /** Load the demo organisations, people and audits on start (quick start). */
  demoData: boolean;
  /** Only throw-away test databases may build their schema without migrations. */
  nodeEnv: 'production' | 'development' | 'test';
  /** The administrator created on first start (when no chief audit executive can log in). */
  admin: { email: string; password: string | null };
  /** Login attempts allowed per client address per minute (@nestjs/throttler). */
  loginLimitPerMinute: number;
}

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'postgres'; url: string };

export const DEFAULTS = {
  PORT: '3000',
  DATABASE_URL: 'sqlite:data/kansa.sqlite',
  DATA_DIR: 'data',
} as const;

export class ConfigError extends Error {}

/**
 * Parses DATABASE_URL: `sqlite:relative/or/absolute/path`, `sqlite:/abs/path` or `postgres://…`
 * (also `postgresql://…`). Anything else fails at start with a message naming the variable.
 */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseConfig {
  const value = url.trim();
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:data/kansa.sqlite');
    return { type: 'sqlite', path: path === ':memory:' ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      const parsed = new URL(value);
      if (!parsed.hostname) throw new Error('no host');
    } catch {
      throw new ConfigError(`DATABASE_URL: not a valid PostgreSQL URL: ${redact(value)}`);
    }
    return { type: 'postgres', url: value };
  }
  throw new ConfigError(
    `DATABASE_URL must start with sqlite: or postgres:// (got "${redact(value)}")`,
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

/** Builds and validates the configuration from an environment-like record. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): KansaConfig {
  const portText = env.PORT ?? DEFAULTS.PORT;
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535 (got "${portText}")`);
  }
  const nodeEnv = (env.NODE_ENV ?? 'development') as KansaConfig['nodeEnv'];
  if (!['production', 'development', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be production, development or test (got "${env.NODE_ENV}")`);
  }
  const demoText = (env.KANSA_DEMO_DATA ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(demoText)) {
    throw new ConfigError(`KANSA_DEMO_DATA must be true or false (got "${env.KANSA_DEMO_DATA}")`);
  }
  return {
    port,
    dataDir: resolve(cwd, env.DATA_DIR || DEFAULTS.DATA_DIR),
    database: parseDatabaseUrl(env.DATABASE_URL || DEFAULTS.DATABASE_URL, cwd),
    demoData: demoText === 'true' || demoText === '1',
    nodeEnv,
    loginLimitPerMinute: positiveInt(env, 'KANSA_LOGIN_LIMIT_PER_MINUTE', 10),
    admin: { email: (env.KANSA_ADMIN_EMAIL || 'admin@kansa.local').trim().toLowerCase(), password: env.KANSA_ADMIN_PASSWORD || null },
  };
}

export const CONFIG_KEY = 'kansa';

function positiveInt(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive integer (got "${text}")`);
  return value;
}
