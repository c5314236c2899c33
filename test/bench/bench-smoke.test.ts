/**
 * The benchmark must never rot: `npm run bench -- --smoke` (tiny sizes, SQLite) runs the whole
 * script — data set, server, every measurement and its floor, the table and the JSON — and every
 * figure comes out. Timings are not asserted (they belong to the full run, npm run bench).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPECTED_FIGURES, FIGURES_WITH_FLOOR } from '../../bench/figures';

const ROOT = resolve(__dirname, '..', '..');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', '--silent', 'bench', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('npm run bench -- --smoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kansa-bench-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('completes and produces every figure beside its floor, as a table and as JSON', async () => {
    const out = join(dir, 'smoke.json');
    const { code, stdout, stderr } = await run(['--smoke', '--out', out]);
    expect(code, `${stdout}\n${stderr}`).toBe(0);

    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      meta: { engine: string; smoke: boolean };
      figures: { id: string; value: number; floor: number | null; ratio: number | null; target: string | null; met: boolean | null; label: string }[];
      memory: Record<string, { serverMb: number }>;
      queries: Record<string, number>;
    };
    expect(results.meta).toMatchObject({ engine: 'sqlite', smoke: true });
    const byId = new Map(results.figures.map((f) => [f.id, f]));
    const missing = EXPECTED_FIGURES.filter((id) => !byId.has(id));
    expect(missing, 'figures missing from the JSON').toEqual([]);
    for (const id of EXPECTED_FIGURES) {
      const figure = byId.get(id)!;
      expect(Number.isFinite(figure.value), `${id} has a value`).toBe(true);
      expect(stdout, `${id} is in the printed table`).toContain(figure.label.slice(0, 50));
    }
    for (const id of FIGURES_WITH_FLOOR) {
      const figure = byId.get(id)!;
      expect(Number.isFinite(figure.floor) && figure.floor! > 0, `${id} has its floor`).toBe(true);
      expect(Number.isFinite(figure.ratio), `${id} has its ratio`).toBe(true);
    }
    // Every target is printed and marked (met or missed), never asserted.
    for (const figure of results.figures.filter((f) => f.target)) expect(typeof figure.met, figure.id).toBe('boolean');
    // The server's peak memory during every phase, and the queries per request.
    for (const phase of ['dashboards-10y', 'saves-32', 'reads', 'sync', 'report-pdf-120', 'report-batch']) {
      expect(results.memory[phase]?.serverMb, phase).toBeGreaterThan(0);
    }
    expect(results.queries['workpaper save']).toBeGreaterThan(0);
    expect(stdout).toMatch(/measurement\s+value\s+floor\s+ratio\s+target/);
  }, 180_000);
});
