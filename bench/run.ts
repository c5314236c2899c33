/**
 * npm run bench [-- --db postgres] [--smoke] [--out file.json] [--only saves,reads,…] [--profile]
 *
 * One command: builds the data set, starts the real application (plus the bare floor routes of
 * bench/bench.module.ts) in a server process of its own, measures every figure and its floor in
 * the same run, prints the table and writes the same figures as JSON under bench/results/.
 * The load runs here, on loopback (autocannon); the server's memory is sampled from /proc.
 *
 * --db postgres   a throw-away PostgreSQL cluster (test/support/postgres-cluster.ts), else SQLite
 * --smoke         tiny sizes, a few seconds (the test suite runs this: test/bench/bench-smoke.test.ts)
 * --only          a subset of phases: dashboards, saves, reads, sync, reports
 * --profile       a V8 CPU profile of the server per phase, in bench/results/profiles/<phase>.cpuprofile
 * --log-queries   prints the SQL of one save, one page load and one dashboard, with timings
 * --keep          keeps the SQLite database (its path is printed) for EXPLAIN QUERY PLAN
 * --sqlite-synchronous-normal   experiment: the run with PRAGMA synchronous = NORMAL (no fsync per
 *                 commit; the application itself keeps SQLite's default FULL)
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createDatabase, startThrowawayPostgres, ThrowawayPostgres } from '../test/support/postgres-cluster';
import type { BenchWorld, SeedResult } from './dataset';
import { BENCH_CHIEF, BENCH_PASSWORD } from './dataset';
import { HttpClient } from './http';
import { Chain, chainedSaves, load } from './load';
import { MemoryPeak, MemorySampler } from './memory';
import type { Ready, Request, Response } from './protocol';
import { round, summarise } from './stats';
import { SYNC_BATCH_EDITS } from '../src/audit/workpaper';

const ROOT = resolve(__dirname, '..');

// --- options and sizes ----------------------------------------------------------------------------

type Engine = 'sqlite' | 'postgres';
const PHASES = ['dashboards', 'saves', 'reads', 'sync', 'reports'] as const;
type Phase = (typeof PHASES)[number];

interface Options {
  db: Engine;
  smoke: boolean;
  out: string | null;
  only: Set<Phase>;
  profile: boolean;
  logQueries: boolean;
  keep: boolean;
  /** Experiment only: PRAGMA synchronous for the run (the application keeps SQLite's default, FULL). */
  sqliteSynchronous: 'normal' | null;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { db: 'sqlite', smoke: false, out: null, only: new Set(PHASES), profile: false, logQueries: false, keep: false, sqliteSynchronous: null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg.startsWith('--db')) {
      const db = value();
      if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db is sqlite or postgres');
      options.db = db;
    } else if (arg === '--smoke') options.smoke = true;
    else if (arg.startsWith('--out')) options.out = resolve(value());
    else if (arg.startsWith('--only')) {
      const phases = value().split(',');
      for (const p of phases) if (!PHASES.includes(p as Phase)) throw new Error(`--only: unknown phase ${p} (${PHASES.join(', ')})`);
      options.only = new Set(phases as Phase[]);
    } else if (arg === '--profile') options.profile = true;
    else if (arg === '--log-queries') options.logQueries = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--sqlite-synchronous-normal') options.sqliteSynchronous = 'normal';
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

interface Sizes {
  historyYears: number;
  warmupSeconds: number;
  loadSeconds: number;
  /** Smoke: a number of requests per load run instead of seconds (autocannon's time runs in whole seconds). */
  warmupAmount?: number;
  loadAmount?: number;
  saveLevels: number[];
  readConnections: number;
  dashboardReps: number;
  reportReps: number;
  docxReps: number;
  annualPdfReps: number;
  syncEdits: number;
  syncConflicts: number;
  /** Untimed runs and renders before the timed ones (off in the smoke run; the browser is warm either way). */
  warmups: boolean;
  /** Reports in the batch (null: every registry audit of the current year). */
  batchSize: number | null;
}

const FULL: Sizes = {
  historyYears: 9, warmupSeconds: 2, loadSeconds: 8, saveLevels: [1, 8, 32], readConnections: 4,
  dashboardReps: 100, reportReps: 5, docxReps: 10, annualPdfReps: 2, syncEdits: 1000, syncConflicts: 20, warmups: true, batchSize: null,
};
const SMOKE: Sizes = {
  historyYears: 1, warmupSeconds: 1, loadSeconds: 1, warmupAmount: 8, loadAmount: 32, saveLevels: [1, 8, 32], readConnections: 2,
  dashboardReps: 3, reportReps: 1, docxReps: 1, annualPdfReps: 1, syncEdits: 40, syncConflicts: 4, warmups: false, batchSize: 1,
};

// --- figures ----------------------------------------------------------------------------------------

export interface Figure {
  id: string;
  group: string;
  label: string;
  unit: string;
  value: number;
  floor: number | null;
  /** value / floor. */
  ratio: number | null;
  target: string | null;
  met: boolean | null;
  /** Peak RSS of the server process during the measurement's phase (MB). */
  rssMb: number | null;
  note?: string;
}

export interface BenchResults {
  meta: Record<string, unknown>;
  figures: Figure[];
  memory: Record<string, MemoryPeak>;
  queries: Record<string, number>;
  rows: Record<string, unknown>;
  details: Record<string, unknown>;
}

// --- the server process -----------------------------------------------------------------------------

class Server {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  port = 0;
  pid = 0;

  private constructor(readonly child: ChildProcess) {
    child.on('message', (message: Response | Ready) => {
      if ('type' in message) return;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`server: ${message.error}`));
    });
    child.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`server exited (${code})`));
      this.pending.clear();
    });
  }

  static async start(env: Record<string, string>, options: Options): Promise<Server> {
    const nodeArgs = ['-r', 'ts-node/register/transpile-only', '--expose-gc'];
    const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'bench', 'server.ts')], {
      cwd: ROOT, env: { ...process.env, ...env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const server = new Server(child);
    const ready = await new Promise<Ready>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not start within 180 s')), 180_000);
      child.on('message', (m: Ready | Response) => {
        if ('type' in m && m.type === 'ready') {
          clearTimeout(timer);
          resolveReady(m);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited during start (${code})`));
      });
    });
    server.port = ready.port;
    server.pid = ready.pid;
    return server;
  }

  rpc<T>(cmd: string, args?: unknown): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolveCall, reject) => {
      this.pending.set(id, { resolve: resolveCall as (v: unknown) => void, reject });
      this.child.send({ id, cmd, args } satisfies Request);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.rpc('close').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

// --- the benchmark ------------------------------------------------------------------------------------

const startedAt = performance.now();
const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - startedAt) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);

interface WorkpaperRow {
  id: number;
  itemNo: number;
  version: number;
  procedures: { procedure: string; performedOn: string | null; description: string; observation: string }[];
  evidenceRefs: string[];
  conclusion: string | null;
}

/** The content of the n-th edit of a workpaper, as an auditor's laptop would queue it. */
interface EditBody {
  version: number;
  procedures: { procedure: string; performedOn: string | null; description: string; observation: string }[];
  evidenceRefs: string[];
  conclusion: string | null;
}

function editBody(version: number, n: number, tag = 'edit'): EditBody {
  return {
    version,
    procedures: [
      { procedure: 'inspection', performedOn: null, description: `入退室管理簿の直近3か月分を閲覧した（${tag} ${n}）。`, observation: '休日の施錠記録に欠落はなかった。' },
      { procedure: 'observation', performedOn: null, description: '登録室の施錠状況と鍵の保管場所を視察した。', observation: `鍵は施錠された保管庫にあった（${tag} ${n}）。` },
    ],
    evidenceRefs: ['入退室管理簿（開錠・施錠記録）', '個人データ取扱台帳'],
    conclusion: null,
  };
}

class Bench {
  readonly figures: Figure[] = [];
  readonly memory: Record<string, MemoryPeak> = {};
  readonly queries: Record<string, number> = {};
  readonly rows: Record<string, unknown> = {};
  readonly details: Record<string, unknown> = {};
  private readonly sampler: MemorySampler;
  private readonly http: HttpClient;
  private tokens: { chief: string; auditor: string; auditor2: string } = { chief: '', auditor: '', auditor2: '' };
  world!: BenchWorld;

  constructor(private readonly server: Server, private readonly sizes: Sizes, private readonly options: Options) {
    this.sampler = new MemorySampler(server.pid);
    this.http = new HttpClient(this.base);
  }

  get base(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  private client(who: keyof Bench['tokens']): HttpClient {
    return this.http.as(this.tokens[who]);
  }

  add(figure: Omit<Figure, 'ratio' | 'met' | 'rssMb'> & { rssMb?: number | null; met?: boolean | null; ratio?: number | null }): void {
    const ratio = figure.ratio !== undefined ? figure.ratio : figure.floor ? figure.value / figure.floor : null;
    this.figures.push({ ...figure, ratio, met: figure.met ?? null, rssMb: figure.rssMb ?? null });
  }

  /** Runs one phase with the server's memory sampled; returns the work's result. */
  async phase<T>(name: string, work: () => Promise<T>, children = false): Promise<T> {
    await this.server.rpc('gc');
    if (this.options.profile) await this.server.rpc('profileStart');
    this.sampler.start({ children });
    try {
      return await work();
    } finally {
      this.memory[name] = this.sampler.stop();
      if (this.options.profile) {
        const dir = join(ROOT, 'bench', 'results', 'profiles');
        mkdirSync(dir, { recursive: true });
        log(`  profile: ${await this.server.rpc('profileStop', { file: join(dir, `${this.options.db}-${name}.cpuprofile`) })}`);
      }
    }
  }

  rss(name: string): number {
    return round(this.memory[name]?.serverMb ?? NaN, 0);
  }

  // --- data -------------------------------------------------------------------------------------------

  async seedCurrent(): Promise<void> {
    log('building the data set: current fiscal year');
    const seeded = await this.server.rpc<SeedResult & { world: BenchWorld }>('seed', { part: 'current' });
    this.world = seeded.world;
    this.rows.currentYear = { ...seeded.rows, ms: round(seeded.ms, 0) };
    log(`  ${seeded.rows.workpaper} workpapers, ${seeded.rows.audit} audits in ${round(seeded.ms / 1000, 1)} s`);
    const login = async (email: string) => (await this.http.expect(this.http.post('/api/auth/login', { email, password: BENCH_PASSWORD, mode: 'token' }))).body.token as string;
    this.tokens = { chief: await login(BENCH_CHIEF), auditor: await login(this.world.auditor), auditor2: await login(this.world.auditor2) };
  }

  async seedHistory(): Promise<void> {
    log(`building the data set: ${this.sizes.historyYears} earlier fiscal years`);
    const seeded = await this.server.rpc<SeedResult>('seed', { part: 'history', historyYears: this.sizes.historyYears });
    this.rows.history = { ...seeded.rows, ms: round(seeded.ms, 0) };
    this.rows.total = await this.server.rpc('counts');
    log(`  +${seeded.rows.workpaper} workpapers in ${round(seeded.ms / 1000, 1)} s; total ${(this.rows.total as Record<string, number>).workpaper} workpapers`);
  }

  private async workpapers(auditId: number, as: HttpClient = this.client('auditor')): Promise<WorkpaperRow[]> {
    return (await as.expect(as.get(`/api/audits/${auditId}/workpapers`))).body as WorkpaperRow[];
  }

  /** Waits until the server sends no query for 150 ms (requests left in flight by a load run have finished). */
  private async settle(): Promise<void> {
    const deadline = Date.now() + 15_000;
    let last = await this.server.rpc<number>('queryCount');
    while (Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 150));
      const now = await this.server.rpc<number>('queryCount');
      if (now === last) return;
      last = now;
    }
  }

  private async countQueries(label: string, work: () => Promise<unknown>): Promise<void> {
    await this.settle();
    const before = await this.server.rpc<number>('queryCount');
    await work();
    this.queries[label] = (await this.server.rpc<number>('queryCount')) - before;
  }

  private async logQueries(label: string, work: () => Promise<unknown>): Promise<void> {
    if (!this.options.logQueries) return;
    await this.server.rpc('recordQueries', { on: true });
    await work();
    const sql = await this.server.rpc<string[]>('recordQueries', { on: false });
    process.stderr.write(`\n[bench] queries of ${label} (${sql.length}):\n${sql.map((q, i) => `  ${i + 1}. ${q.replace(/\s+/g, ' ')}`).join('\n')}\n`);
  }

  // --- 3. dashboards --------------------------------------------------------------------------------

  async dashboards(scale: '1y' | '10y'): Promise<void> {
    const fy = this.world.currentYear;
    const chief = this.client('chief');
    const url = `/api/dashboard/results?fiscalYear=${fy}`;
    const floorUrl = `/api/bench/floor/dashboard?fiscalYear=${fy}`;
    const reps = this.sizes.dashboardReps;
    const phase = `dashboards-${scale}`;
    const totals = await this.server.rpc<Record<string, number>>('counts');
    const timings = await this.phase(phase, async () => {
      const timeHttp = async (client: HttpClient, path: string) => {
        for (let i = 0; i < 3; i += 1) await client.expect(client.get(path));
        const times: number[] = [];
        for (let i = 0; i < reps; i += 1) times.push((await client.expect(client.get(path))).ms);
        return summarise(times);
      };
      const dashboard = await timeHttp(chief, url);
      const floor = await timeHttp(this.http, floorUrl);
      await this.server.rpc('annualSummaryData', { fiscalYear: fy, reps: 2 });
      const annual = summarise(await this.server.rpc<number[]>('annualSummaryData', { fiscalYear: fy, reps }));
      return { dashboard, floor, annual };
    });
    const yearRows = (await chief.expect(chief.get(url))).body as { auditCount: number };
    const rowsNote = `${totals.workpaper} workpapers, ${totals.audit} audits in the database; year ${fy}: ${yearRows.auditCount} audits`;
    this.details[phase] = { ...timings, rows: totals };
    const g = `3. Dashboards (${scale === '1y' ? '1 fiscal year' : `${this.sizes.historyYears + 1} fiscal years`} in the database)`;
    const target = scale === '10y' ? '< 200 ms' : null;
    this.add({ id: `dashboard.${scale}.p50`, group: g, label: 'category × zone dashboard p50', unit: 'ms', value: timings.dashboard.p50, floor: timings.floor.p50, target, met: target ? timings.dashboard.p50 < 200 : null, rssMb: this.rss(phase), note: rowsNote });
    this.add({ id: `dashboard.${scale}.p99`, group: g, label: 'category × zone dashboard p99', unit: 'ms', value: timings.dashboard.p99, floor: timings.floor.p99, target, met: target ? timings.dashboard.p99 < 200 : null, rssMb: this.rss(phase) });
    this.add({ id: `annual.${scale}.p50`, group: g, label: 'annual summary data (builder + assemble) p50', unit: 'ms', value: timings.annual.p50, floor: timings.floor.p50, target, met: target ? timings.annual.p50 < 200 : null, rssMb: this.rss(phase), note: 'in-process; floor = the same GROUP BY over HTTP' });
    this.add({ id: `annual.${scale}.p99`, group: g, label: 'annual summary data (builder + assemble) p99', unit: 'ms', value: timings.annual.p99, floor: timings.floor.p99, target, met: target ? timings.annual.p99 < 200 : null, rssMb: this.rss(phase) });
    this.add({ id: `dashboard.${scale}.rows`, group: g, label: 'workpapers in the database', unit: 'rows', value: totals.workpaper, floor: null, target: null });
    if (scale === '10y') {
      await this.countQueries('dashboard', () => chief.get(url));
      await this.logQueries('the dashboard', () => chief.get(url));
    }
  }

  // --- 1. workpaper saves -----------------------------------------------------------------------------

  async saves(): Promise<void> {
    const auditId = this.world.audits.save;
    const token = this.tokens.auditor;
    const maxLevel = Math.max(...this.sizes.saveLevels);
    const g = '1. Workpaper save (PUT with version check), concurrent clients';
    for (const level of this.sizes.saveLevels) {
      const phase = `saves-${level}`;
      const result = await this.phase(phase, async () => {
        const run = async (seconds: number, amount?: number) => {
          const current = await this.workpapers(auditId);
          const chains: Chain[] = current.slice(0, maxLevel).slice(0, level).map((w) => ({ id: w.id, version: w.version, n: 0 }));
          const saves = chainedSaves({ chains, path: (c) => `/api/audits/${auditId}/workpapers/${c.id}`, body: (c) => editBody(c.version, c.n, `c${level}`) });
          const r = await load({
            url: this.base, connections: level, seconds, amount, requests: saves.requests,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          });
          await this.settle(); // requests still in flight when the run stopped finish before the next run reads versions
          return { ...r, conflicts: saves.conflicts() };
        };
        const floorRun = async (seconds: number, amount?: number) => {
          const chains: Chain[] = Array.from({ length: level }, (_, i) => ({ id: i + 1, version: 1, n: 0 }));
          const saves = chainedSaves({ chains, path: (c) => `/api/bench/floor/write/${c.id}`, body: (c) => editBody(c.version, c.n, `f${level}`) });
          return load({ url: this.base, connections: level, seconds, amount, requests: saves.requests, headers: { 'content-type': 'application/json' } });
        };
        const { warmupSeconds, warmupAmount, loadSeconds, loadAmount } = this.sizes;
        if (this.sizes.warmups) {
          await run(warmupSeconds, warmupAmount);
          await floorRun(warmupSeconds, warmupAmount);
        }
        const measured = await run(loadSeconds, loadAmount);
        const floor = await floorRun(loadSeconds, loadAmount);
        return { measured, floor };
      });
      this.details[phase] = result;
      const { measured: m, floor: f } = result;
      const is32 = level === 32;
      const okNote = `${m.ok}/${m.responses} answered 2xx (${round(m.okShare * 100, 1)} %), ${m.conflicts} conflicts; floor ${f.ok}/${f.responses} 2xx`;
      this.add({ id: `save.c${level}.rps`, group: g, label: `${level} client${level > 1 ? 's' : ''}: throughput`, unit: 'req/s', value: m.rps, floor: f.rps, target: is32 ? '≥ 0.5× floor' : null, met: is32 ? m.rps >= 0.5 * f.rps : null, rssMb: this.rss(phase), note: okNote });
      this.add({ id: `save.c${level}.p50`, group: g, label: `${level} client${level > 1 ? 's' : ''}: p50`, unit: 'ms', value: m.latency.p50, floor: f.latency.p50, target: null, rssMb: this.rss(phase) });
      this.add({ id: `save.c${level}.p99`, group: g, label: `${level} client${level > 1 ? 's' : ''}: p99`, unit: 'ms', value: m.latency.p99, floor: f.latency.p99, target: is32 ? '< 50 ms' : null, met: is32 ? m.latency.p99 < 50 : null, rssMb: this.rss(phase) });
      this.add({ id: `save.c${level}.ok`, group: g, label: `${level} client${level > 1 ? 's' : ''}: 2xx share`, unit: '%', value: m.okShare * 100, floor: f.okShare * 100, target: null, rssMb: null });
    }
    const wps = await this.workpapers(auditId);
    const wp = wps[wps.length - 1]!;
    // Why a save costs what it does: one query, three ways (bench/server.ts queryCost).
    const cost = await this.server.rpc<{ orm: number[]; raw: number[]; prepared: number[] }>('queryCost', { workpaperId: wp.id, reps: this.options.smoke ? 50 : 2000 });
    const [orm, raw, prepared] = [summarise(cost.orm), summarise(cost.raw), summarise(cost.prepared)];
    this.details.queryCost = { orm, raw, prepared };
    const costNote = 'one workpaper by id, in the server process, no HTTP; floor = the same SELECT as a statement prepared once';
    this.add({ id: 'query.orm.p50', group: g, label: 'one query through TypeORM (findOne) p50', unit: 'ms', value: orm.p50, floor: prepared.p50, target: null, note: costNote });
    this.add({ id: 'query.raw.p50', group: g, label: 'one query as raw SQL through TypeORM p50', unit: 'ms', value: raw.p50, floor: prepared.p50, target: null });
    const client = this.client('auditor');
    await this.countQueries('workpaper save', () => client.expect(client.put(`/api/audits/${auditId}/workpapers/${wp.id}`, editBody(wp.version, 1, 'count'))));
    const again = (await this.workpapers(auditId)).find((w) => w.id === wp.id)!;
    await this.logQueries('one workpaper save', () => client.put(`/api/audits/${auditId}/workpapers/${wp.id}`, editBody(again.version, 2, 'log')));
  }

  // --- 2. the audit page ------------------------------------------------------------------------------

  async reads(): Promise<void> {
    const auditId = this.world.audits.page;
    // The page in one request with its sections included (as 'make available offline' loads it), and as four requests.
    const variants = {
      one: { page: `/api/audits/${auditId}?include=workpapers,findings,documents` },
      four: {
        detail: `/api/audits/${auditId}`, workpapers: `/api/audits/${auditId}/workpapers`,
        findings: `/api/audits/${auditId}/findings`, documents: `/api/audits/${auditId}/documents`,
      },
    } as const;
    const auditor = this.client('auditor');
    const pages: Record<string, unknown> = {};
    const bytes = { one: 0, four: 0 };
    for (const variant of ['one', 'four'] as const) {
      for (const [part, path] of Object.entries(variants[variant])) {
        const r = await auditor.expect(auditor.get(path));
        pages[part] = r.body;
        bytes[variant] += r.bytes;
      }
    }
    await this.server.rpc('setFloorPages', { pages });
    const page = pages.page as { workpapers: unknown[]; findings: unknown[]; documents: { requests: unknown[] } };
    const counts = { workpapers: page.workpapers.length, findings: page.findings.length, documents: page.documents.requests.length };
    if (JSON.stringify(page.workpapers) !== JSON.stringify(pages.workpapers) || JSON.stringify(page.findings) !== JSON.stringify(pages.findings)) {
      throw new Error('reads: the included sections differ from their own routes');
    }
    const phase = 'reads';
    const connections = this.sizes.readConnections;
    const run = async (variant: keyof typeof variants, seconds: number, amount: number | undefined, floor: boolean) => {
      const parts = Object.entries(variants[variant]);
      const pageTimes: number[] = [];
      const perClient = new Map<object, { n: number; sum: number }>();
      const result = await load({
        url: this.base, connections, seconds, amount,
        headers: floor ? {} : { authorization: `Bearer ${this.tokens.auditor}` },
        requests: parts.map(([part, path]) => ({ method: 'GET' as const, path: floor ? `/api/bench/floor/page/${part}` : path })),
        // The requests of a page go one after another on a connection: a page is all their answers.
        onResponse: (client, _status, ms) => {
          const acc = perClient.get(client) ?? { n: 0, sum: 0 };
          acc.n += 1;
          acc.sum += ms;
          if (acc.n === parts.length) {
            pageTimes.push(acc.sum);
            acc.n = 0;
            acc.sum = 0;
          }
          perClient.set(client, acc);
        },
      });
      return { ...result, page: summarise(pageTimes) };
    };
    const result = await this.phase(phase, async () => {
      const { warmupSeconds, warmupAmount, loadSeconds, loadAmount } = this.sizes;
      const out: Record<string, { measured: Awaited<ReturnType<typeof run>>; floor: Awaited<ReturnType<typeof run>> }> = {};
      for (const variant of ['one', 'four'] as const) {
        if (this.sizes.warmups) {
          await run(variant, warmupSeconds, warmupAmount, false);
          await run(variant, warmupSeconds, warmupAmount, true);
        }
        out[variant] = { measured: await run(variant, loadSeconds, loadAmount, false), floor: await run(variant, loadSeconds, loadAmount, true) };
      }
      return out;
    });
    this.details[phase] = { ...result, counts, bytes };
    const g = `2. Audit page read (detail, workpapers, findings, documents; ${connections} users)`;
    const { measured: m, floor: f } = result.one!;
    const note = `GET …?include=workpapers,findings,documents: ${counts.workpapers} workpapers, ${counts.findings} findings, ${counts.documents} document requests; ${Math.round(bytes.one / 1024)} KiB JSON; ${round(m.okShare * 100, 1)} % 2xx; floor = the same JSON from memory`;
    this.add({ id: 'read.page.p50', group: g, label: 'page, one request (?include=…) p50', unit: 'ms', value: m.page.p50, floor: f.page.p50, target: '≤ 2× floor', met: m.page.p50 <= 2 * f.page.p50, rssMb: this.rss(phase), note });
    this.add({ id: 'read.page.p99', group: g, label: 'page, one request p99', unit: 'ms', value: m.page.p99, floor: f.page.p99, target: '≤ 2× floor', met: m.page.p99 <= 2 * f.page.p99, rssMb: this.rss(phase) });
    this.add({ id: 'read.page.rps', group: g, label: 'pages/s', unit: 'req/s', value: m.rps, floor: f.rps, target: null, rssMb: this.rss(phase) });
    const { measured: m4, floor: f4 } = result.four!;
    this.add({ id: 'read.page4.p50', group: g, label: 'page as four requests p50', unit: 'ms', value: m4.page.p50, floor: f4.page.p50, target: null, rssMb: this.rss(phase), note: `the four routes one after another; ${Math.round(bytes.four / 1024)} KiB JSON` });
    this.add({ id: 'read.page4.p99', group: g, label: 'page as four requests p99', unit: 'ms', value: m4.page.p99, floor: f4.page.p99, target: null, rssMb: this.rss(phase) });
    await this.countQueries('page: one request', () => auditor.get(variants.one.page));
    for (const [part, path] of Object.entries(variants.four)) await this.countQueries(`page: ${part}`, () => auditor.get(path));
    await this.logQueries('the audit page (one request)', () => auditor.get(variants.one.page));
  }

  // --- 5. offline sync --------------------------------------------------------------------------------

  /**
   * One client replays its queued edits, each based on the version the previous save of that
   * workpaper returned, as the app sends its outbox: in sync requests (POST …/workpapers/sync) of
   * up to SYNC_BATCH_EDITS edits, one per workpaper, in queue order ('batch'); or, for comparison,
   * as ordinary versioned PUTs one after another ('single'). A 409 is resolved as the app's
   * conflict screen does: merge (the local texts, plus the server's procedures and evidence the
   * local edit lacks) into the current workpaper — which the 409 carries; single PUTs re-read it —
   * and save against the current version.
   */
  private async replay(auditId: number, edits: number, conflicting: number, mode: 'batch' | 'single'): Promise<{ ms: number; saves: number; conflicts: number; requests: number; verified: boolean }> {
    const me = this.client('auditor');
    const other = this.client('auditor2');
    const initial = await this.workpapers(auditId, me);
    const known = new Map(initial.map((w) => [w.id, w.version]));
    const queue = Array.from({ length: edits }, (_, i) => initial[i % initial.length]!.id);
    // Someone else saved the first `conflicting` workpapers of the queue meanwhile.
    const theirs = [...new Set(queue)].slice(0, conflicting);
    for (const id of theirs) {
      const wp = initial.find((w) => w.id === id)!;
      await other.expect(other.put(`/api/audits/${auditId}/workpapers/${id}`, {
        ...editBody(wp.version, 0, 'other'), evidenceRefs: ['教育・研修計画と受講記録'], procedures: [{ procedure: 'inquiry', performedOn: null, description: '管理責任者に質問した（別の監査人）。', observation: '説明を受けた。' }],
      }));
    }
    type Edit = EditBody;
    const merge = (mine: Edit, current: WorkpaperRow): Edit => ({
      ...mine,
      version: current.version,
      procedures: [...mine.procedures, ...current.procedures.filter((p) => !mine.procedures.some((q) => q.description === p.description))],
      evidenceRefs: [...new Set([...mine.evidenceRefs, ...current.evidenceRefs])],
      conclusion: mine.conclusion ?? current.conclusion,
    });
    let saves = 0;
    let conflicts = 0;
    let requests = 0;
    const counts = new Map<number, number>();
    const nextEdit = (id: number) => {
      const n = (counts.get(id) ?? 0) + 1;
      counts.set(id, n);
      return editBody(known.get(id)!, n, 'offline');
    };
    const started = performance.now();
    if (mode === 'single') {
      for (const id of queue) {
        const body = nextEdit(id);
        const url = `/api/audits/${auditId}/workpapers/${id}`;
        let r = await me.put(url, body);
        requests += 1;
        if (r.status === 409) {
          conflicts += 1;
          r = await me.put(url, merge(body, (await me.expect(me.get(url))).body as WorkpaperRow));
          requests += 2;
        }
        if (r.status !== 200) throw new Error(`sync: save answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
        known.set(id, (r.body as WorkpaperRow).version);
        saves += 1;
      }
    } else {
      type Result = { workpaperId: number; status: number; workpaper?: WorkpaperRow; error?: { code: string; details?: { current: WorkpaperRow } } };
      const send = async (batch: (Edit & { workpaperId: number })[]): Promise<Result[]> => {
        requests += 1;
        const r = await me.expect(me.post(`/api/audits/${auditId}/workpapers/sync`, { edits: batch }));
        return (r.body as { results: Result[] }).results;
      };
      for (let i = 0; i < queue.length; ) {
        const batch: (Edit & { workpaperId: number })[] = [];
        while (i < queue.length && batch.length < SYNC_BATCH_EDITS && !batch.some((e) => e.workpaperId === queue[i])) {
          const id = queue[i++]!;
          batch.push({ workpaperId: id, ...nextEdit(id) });
        }
        const merged: (Edit & { workpaperId: number })[] = [];
        for (const [k, result] of (await send(batch)).entries()) {
          if (result.status === 200) {
            known.set(result.workpaperId, result.workpaper!.version);
            saves += 1;
          } else if (result.status === 409 && result.error?.code === 'WORKPAPER_VERSION_CONFLICT') {
            conflicts += 1;
            merged.push({ workpaperId: result.workpaperId, ...merge(batch[k]!, result.error.details!.current) });
          } else {
            throw new Error(`sync: edit of ${result.workpaperId} answered ${result.status}: ${JSON.stringify(result.error).slice(0, 300)}`);
          }
        }
        if (merged.length) {
          for (const result of await send(merged)) {
            if (result.status !== 200) throw new Error(`sync: merged edit of ${result.workpaperId} answered ${result.status}`);
            known.set(result.workpaperId, result.workpaper!.version);
            saves += 1;
          }
        }
      }
    }
    const ms = performance.now() - started;
    // Converged: every workpaper is at the version the client last got, with its last edit in it.
    const after = await this.workpapers(auditId, me);
    const verified = after.every((w) => w.version === known.get(w.id) && (!counts.has(w.id) || w.procedures[0]?.description.includes(`offline ${counts.get(w.id)}`)));
    return { ms, saves, conflicts, requests, verified };
  }

  async sync(): Promise<void> {
    const g = `5. Offline sync (one client replays queued edits)`;
    const edits = this.sizes.syncEdits;
    const conflicting = this.sizes.syncConflicts;
    const phase = 'sync';
    const result = await this.phase(phase, async () => {
      if (this.sizes.warmups) await this.replay(this.world.audits.save, Math.min(100, edits), 0, 'batch'); // warm-up on another audit
      const clean = await this.replay(this.world.audits.sync, edits, 0, 'batch');
      const withConflicts = await this.replay(this.world.audits.syncConflict, edits, conflicting, 'batch');
      const single = await this.replay(this.world.audits.syncSingle, edits, 0, 'single');
      // Floors: the same edits written bare — in requests of the same sizes, one transaction each; and one per request.
      let floorStarted = performance.now();
      for (let i = 0; i < edits; i += SYNC_BATCH_EDITS) {
        const rows = Array.from({ length: Math.min(SYNC_BATCH_EDITS, edits - i) }, (_, k) => ({ chain: (i + k) % 120, ...editBody(1, i + k, 'floor') }));
        await this.http.expect(this.http.post('/api/bench/floor/write-batch', { rows }));
      }
      const floorMs = performance.now() - floorStarted;
      floorStarted = performance.now();
      for (let i = 0; i < edits; i += 1) await this.http.expect(this.http.put(`/api/bench/floor/write/${i % 120}`, editBody(1, i, 'floor')));
      const singleFloorMs = performance.now() - floorStarted;
      return { clean, withConflicts, single, floorMs, singleFloorMs };
    });
    this.details[phase] = result;
    const { clean, withConflicts, single, floorMs, singleFloorMs } = result;
    if (!clean.verified || !withConflicts.verified || !single.verified) throw new Error('sync: the server state does not match the replayed edits');
    const target = edits >= 1000 ? '< 3 s' : null;
    this.add({ id: 'sync.clean.ms', group: g, label: `${edits} edits, no conflict`, unit: 'ms', value: clean.ms, floor: floorMs, target, met: target ? clean.ms < 3000 : null, rssMb: this.rss(phase), note: `${clean.saves} saves in ${clean.requests} sync requests, converged and verified; floor = the same rows written bare, ${SYNC_BATCH_EDITS} per request and transaction` });
    this.add({ id: 'sync.conflicts.ms', group: g, label: `${edits} edits, ${conflicting} conflicting`, unit: 'ms', value: withConflicts.ms, floor: floorMs, target, met: target ? withConflicts.ms < 3000 : null, rssMb: this.rss(phase), note: `${withConflicts.conflicts} × 409 (carrying the current workpaper) → merge → re-sent; ${withConflicts.requests} requests; verified` });
    this.add({ id: 'sync.single.ms', group: g, label: `${edits} edits as single PUTs (before the sync endpoint)`, unit: 'ms', value: single.ms, floor: singleFloorMs, target: null, rssMb: this.rss(phase), note: `${single.saves} sequential PUTs; floor = ${edits} sequential bare single-row writes` });
  }

  // --- 4. reports -------------------------------------------------------------------------------------

  async reports(): Promise<void> {
    const chief = this.client('chief');
    const { report32, report120 } = this.world.audits;
    const batch = this.world.audits.batch.slice(0, this.sizes.batchSize ?? undefined);
    const fy = this.world.currentYear;
    const reps = this.sizes.reportReps;
    const g = '4. Reports (warm browser, page pool of 2)';
    const timeHttp = async (path: string, n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i += 1) times.push((await chief.expect(chief.get(path))).ms);
      return summarise(times);
    };
    if (this.sizes.warmups) {
      const first = await this.phase('reports-launch', async () => (await chief.expect(chief.get(`/api/audits/${report32}/report/draft.pdf`))).ms, true);
      this.details.firstPdfWithLaunchMs = first;
    }
    for (const [size, auditId] of [[32, report32], [120, report120]] as const) {
      const phase = `report-pdf-${size}`;
      const r = await this.phase(phase, async () => {
        if (this.sizes.warmups) {
          await chief.expect(chief.get(`/api/audits/${auditId}/report/draft.pdf`));
          await this.server.rpc('printHtml', { auditId, reps: 1 });
        }
        const viaHttp = await timeHttp(`/api/audits/${auditId}/report/draft.pdf`, reps);
        // The renderer alone (no HTTP, no database): informative, left out of the smoke run.
        const renderer = summarise(this.sizes.warmups ? await this.server.rpc<number[]>('reportPdf', { auditId, reps }) : []);
        const bare = summarise(await this.server.rpc<number[]>('printHtml', { auditId, reps }));
        return { viaHttp, renderer, bare };
      }, true);
      this.details[phase] = r;
      const mem = this.memory[phase]!;
      this.add({ id: `report.pdf${size}.ms`, group: g, label: `audit report PDF, ${size} items (GET draft.pdf) p50`, unit: 'ms', value: r.viaHttp.p50, floor: r.bare.p50, target: '≤ 1.5× floor', met: r.viaHttp.p50 <= 1.5 * r.bare.p50, rssMb: this.rss(phase), note: `floor = printHtml of the same HTML; renderer alone ${round(r.renderer.p50, 0)} ms; Chromium ${round(mem.childrenMb, 0)} MB` });
    }
    for (const [size, auditId] of [[32, report32], [120, report120]] as const) {
      const phase = `report-docx-${size}`;
      const r = await this.phase(phase, async () => {
        if (this.sizes.warmups) await chief.expect(chief.get(`/api/audits/${auditId}/report/draft.docx`));
        const viaHttp = await timeHttp(`/api/audits/${auditId}/report/draft.docx`, this.sizes.docxReps);
        const renderer = summarise(this.sizes.warmups ? await this.server.rpc<number[]>('reportDocx', { auditId, reps: this.sizes.docxReps }) : []);
        const bare = summarise(await this.server.rpc<number[]>('docxFloor', { auditId, reps: this.sizes.docxReps }));
        return { viaHttp, renderer, bare };
      });
      this.details[phase] = r;
      this.add({ id: `report.docx${size}.ms`, group: g, label: `audit report DOCX, ${size} items (GET draft.docx) p50`, unit: 'ms', value: r.viaHttp.p50, floor: r.bare.p50, target: '< 300 ms', met: r.viaHttp.p50 < 300, rssMb: this.rss(phase), note: `floor = docx writing a plain ${size}-row table; renderer alone ${round(r.renderer.p50, 0)} ms` });
    }
    {
      const phase = 'annual-summary-pdf';
      const r = await this.phase(phase, async () => timeHttp(`/api/annual-summaries/${fy}.pdf`, this.sizes.annualPdfReps), true);
      this.details[phase] = r;
      this.add({ id: 'report.annual.ms', group: g, label: `annual summary PDF (every audit of ${fy}) p50`, unit: 'ms', value: r.p50, floor: null, target: null, rssMb: this.rss(phase) });
    }
    {
      const phase = 'report-batch';
      const r = await this.phase(phase, async () => {
        const started = performance.now();
        const results = await Promise.all(batch.map((id) => chief.get(`/api/audits/${id}/report/draft.pdf`)));
        const ms = performance.now() - started;
        const failed = results.filter((x) => x.status !== 200).map((x) => x.status);
        if (failed.length) throw new Error(`batch: ${failed.length} reports failed (${failed.join(', ')})`);
        return { ms, bytes: results.reduce((a, x) => a + x.bytes, 0) };
      }, true);
      const floorPhase = 'report-batch-floor';
      const f = await this.phase(floorPhase, () => this.server.rpc<{ ms: number }>('batchPrintHtml', { auditIds: batch }), true);
      this.details[phase] = { ...r, floor: f, stats: await this.server.rpc('rendererStats') };
      const mem = this.memory[phase]!;
      this.add({ id: 'report.batch.ms', group: g, label: `batch of ${batch.length} audit reports (120 items), all requested at once`, unit: 'ms', value: r.ms, floor: f.ms, target: null, rssMb: this.rss(phase), note: `floor = ${batch.length} bare prints through the same pool` });
      this.add({ id: 'report.batch.peakMb', group: g, label: `batch of ${batch.length}: peak memory, server + Chromium`, unit: 'MB', value: mem.totalMb, floor: this.memory[floorPhase]!.totalMb, target: null, rssMb: this.rss(phase), note: `server ${round(mem.serverMb, 0)} MB RSS + Chromium ${round(mem.childrenMb, 0)} MB (PSS summed over its processes)` });
    }
    await this.countQueries('draft report (120 items)', () => chief.get(`/api/audits/${report120}/report/draft.html`));
  }
}

// --- output -------------------------------------------------------------------------------------------

function fmt(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (unit === 'rows') return String(Math.round(value));
  if (unit === 'ms' && value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit === 'ms' ? ' ms' : unit === 'MB' ? ' MB' : unit === '%' ? ' %' : ''}`;
}

export function table(results: BenchResults): string {
  const header = ['measurement', 'value', 'floor', 'ratio', 'target', '', 'RSS'];
  let group = '';
  const out: string[] = [];
  const widths = [58, 12, 12, 8, 14, 7, 7];
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
  out.push(row(header));
  out.push('-'.repeat(widths.reduce((a, b) => a + b + 1, 0)));
  for (const f of results.figures) {
    if (f.group !== group) {
      group = f.group;
      out.push(group);
    }
    const unit = f.unit === 'req/s' ? ' /s' : '';
    out.push(row([
      `  ${f.label}`.slice(0, widths[0]!),
      fmt(f.value, f.unit) + unit,
      fmt(f.floor, f.unit) + (f.floor === null ? '' : unit),
      f.ratio === null || !Number.isFinite(f.ratio) ? '—' : `${f.ratio.toFixed(2)}×`,
      f.target ?? '',
      f.met === null ? '' : f.met ? 'met' : 'MISSED',
      f.rssMb === null || !Number.isFinite(f.rssMb) ? '' : `${Math.round(f.rssMb)} MB`,
    ]));
  }
  out.push('');
  out.push('Notes:');
  for (const f of results.figures) if (f.note) out.push(`  ${f.id}: ${f.note}`);
  out.push('');
  out.push('Peak RSS of the server by phase (MB; +Chromium where sampled):');
  out.push('  ' + Object.entries(results.memory).map(([k, m]) => `${k} ${Math.round(m.serverMb)}${m.childrenMb ? `+${Math.round(m.childrenMb)}` : ''}`).join(', '));
  out.push('Queries per request: ' + Object.entries(results.queries).map(([k, n]) => `${k} ${n}`).join(', '));
  return out.join('\n');
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

// --- main ----------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const sizes = options.smoke ? SMOKE : FULL;
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'kansa-bench-'));
  let cluster: ThrowawayPostgres | null = null;
  let server: Server | null = null;
  const cleanup = async () => {
    await server?.stop().catch(() => undefined);
    server = null;
    try {
      cluster?.stop();
    } catch {
      // already stopped
    }
    cluster = null;
    if (options.keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }
  try {
    const env: Record<string, string> = {
      NODE_ENV: 'production', PORT: '0', DATA_DIR: join(dir, 'data'), KANSA_DEMO_DATA: 'false',
      KANSA_ADMIN_EMAIL: BENCH_CHIEF, KANSA_ADMIN_PASSWORD: BENCH_PASSWORD, KANSA_LOGIN_LIMIT_PER_MINUTE: '100000',
      KANSA_BENCH_SMOKE: options.smoke ? '1' : '0',
    };
    if (options.db === 'postgres') {
      log('starting a throw-away PostgreSQL cluster');
      cluster = await startThrowawayPostgres();
      if (!cluster) throw new Error('PostgreSQL is not installed (bash scripts/setup.sh installs it)');
      env.DATABASE_URL = (await createDatabase(cluster.adminUrl)).url;
    } else {
      env.DATABASE_URL = `sqlite:${join(dir, 'kansa-bench.sqlite')}`;
    }
    log(`starting the server (${options.db}${options.smoke ? ', smoke sizes' : ''})`);
    server = await Server.start(env, options);
    if (options.sqliteSynchronous && options.db === 'sqlite') {
      log('EXPERIMENT: PRAGMA synchronous = NORMAL');
      await server.rpc('pragma', { sql: 'PRAGMA synchronous = NORMAL' });
    }
    const bench = new Bench(server, sizes, options);
    await bench.seedCurrent();
    if (options.only.has('dashboards')) {
      log('3. dashboards, one fiscal year');
      await bench.dashboards('1y');
    }
    await bench.seedHistory();
    if (options.only.has('dashboards')) {
      log('3. dashboards, all years');
      await bench.dashboards('10y');
    }
    if (options.only.has('saves')) {
      log('1. workpaper saves');
      await bench.saves();
    }
    if (options.only.has('reads')) {
      log('2. audit page reads');
      await bench.reads();
    }
    if (options.only.has('sync')) {
      log('5. offline sync');
      await bench.sync();
    }
    if (options.only.has('reports')) {
      log('4. reports');
      await bench.reports();
    }
    const order = ['1.', '2.', '3.', '4.', '5.'];
    bench.figures.sort((a, b) => order.findIndex((o) => a.group.startsWith(o)) - order.findIndex((o) => b.group.startsWith(o)));
    const results: BenchResults = {
      meta: {
        engine: options.db, smoke: options.smoke, experiment: options.sqliteSynchronous ? 'PRAGMA synchronous = NORMAL' : null, date: new Date().toISOString(), commit: gitCommit(), node: process.version,
        cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30, 1), sizes,
        seconds: round((performance.now() - started) / 1000, 1), phases: [...options.only],
      },
      figures: bench.figures.map((f) => ({ ...f, value: round(f.value, 2), floor: f.floor === null ? null : round(f.floor, 2), ratio: f.ratio === null ? null : round(f.ratio, 2), rssMb: f.rssMb === null ? null : round(f.rssMb, 0) })),
      memory: Object.fromEntries(Object.entries(bench.memory).map(([k, m]) => [k, { serverMb: round(m.serverMb, 0), childrenMb: round(m.childrenMb, 0), totalMb: round(m.totalMb, 0) }])),
      queries: bench.queries,
      rows: bench.rows,
      details: bench.details,
    };
    const file = options.out ?? join(ROOT, 'bench', 'results', `${options.db}${options.smoke ? '-smoke' : ''}${options.sqliteSynchronous ? '-synchronous-normal' : ''}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(resolve(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(results, null, 2));
    process.stdout.write(`\nKansa benchmark — ${options.db}${options.smoke ? ' (smoke sizes)' : ''}${options.sqliteSynchronous ? ' — EXPERIMENT synchronous=NORMAL' : ''}, ${results.meta.cpus} × ${results.meta.cpuModel}, node ${process.version}, ${results.meta.seconds} s\n\n`);
    process.stdout.write(table(results) + '\n');
    process.stdout.write(`\nJSON: ${file}\n`);
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
