import { describe, expect, it } from 'vitest';
import { loadConfig, parseDatabaseUrl } from '../../src/config/configuration';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({}, '/srv/kansa');
    expect(config).toEqual({
      port: 3000,
      dataDir: '/srv/kansa/data',
      database: { type: 'sqlite', path: '/srv/kansa/data/kansa.sqlite' },
      demoData: false,
      nodeEnv: 'development',
      admin: { email: 'admin@kansa.local', password: null },
      loginLimitPerMinute: 10,
    });
  });

  it('reads sqlite: relative and absolute paths, and postgres:// URLs', () => {
    expect(parseDatabaseUrl('sqlite:db/k.sqlite', '/w')).toEqual({ type: 'sqlite', path: '/w/db/k.sqlite' });
    expect(parseDatabaseUrl('sqlite:/var/lib/kansa/k.sqlite', '/w')).toEqual({ type: 'sqlite', path: '/var/lib/kansa/k.sqlite' });
    expect(parseDatabaseUrl('postgres://u:p@db.local:5432/kansa')).toEqual({ type: 'postgres', url: 'postgres://u:p@db.local:5432/kansa' });
    expect(parseDatabaseUrl('postgresql://u@127.0.0.1/kansa').type).toBe('postgres');
  });

  it('refuses a wrong DATABASE_URL or PORT at start with a message naming the variable, without leaking a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:secret@x/db' })).toThrow(/DATABASE_URL must start with sqlite: or postgres:\/\//);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:secret@x/db' })).not.toThrow(/secret/);
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:' })).toThrow(/DATABASE_URL: sqlite: needs a file path/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ KANSA_DEMO_DATA: 'maybe' })).toThrow(/KANSA_DEMO_DATA/);
  });
});
