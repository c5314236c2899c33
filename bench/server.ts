/**
 * The server under measurement: the real application (AppModule with every feature module,
 * migrations, bootstrap, configureApp) plus the BenchModule floors, in a process of its own so
 * that its memory and CPU are its own, not the load generator's. bench/run.ts starts it with the
 * benchmark's environment and drives it over loopback HTTP; this file also answers a few
 * commands over the IPC channel (build the data set, time in-process renders, count queries).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Database as SqliteDatabase } from 'sqlite3';
import { DataSource } from 'typeorm';
import { japanDateOf } from '../src/audit';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/configure-app';
import { Workpaper } from '../src/modules/audits/audit.entity';
import { ReportInputBuilder } from '../src/modules/reports/report-input.builder';
import { ReportRendering } from '../src/modules/reports/report-rendering';
import { assembleAnnualSummary, assembleAuditReport, renderDocx, renderHtml, renderPdf } from '../src/reports';
import type { AuditReportModel } from '../src/reports/model';
import { BenchModule, BenchState } from './bench.module';
import { DatasetBuilder, FULL_SIZE, SMOKE_SIZE } from './dataset';
import type { Request, Response } from './protocol';

@Module({ imports: [AppModule.register(process.env), BenchModule] })
class BenchAppModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(BenchAppModule, { logger: ['error', 'warn'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const dataSource = app.get(DataSource);
  const state = app.get(BenchState);
  countQueries(dataSource, state);
  const dataset = new DatasetBuilder(dataSource, process.env.KANSA_BENCH_SMOKE === '1' ? SMOKE_SIZE : FULL_SIZE);
  const builder = app.get(ReportInputBuilder);
  const rendering = app.get(ReportRendering);
  const today = japanDateOf(new Date());
  let profiler: Session | null = null;

  const reportModel = async (auditId: number): Promise<AuditReportModel> =>
    assembleAuditReport(await builder.auditReport(auditId, { edition: 'draft', reportDate: today, revision: 1 }));

  const commands: Record<string, (args: any) => Promise<unknown>> = {
    seed: async ({ part, historyYears }) => {
      const result = await dataset.seed(part, historyYears);
      return { ...result, world: part === 'current' ? dataset.benchWorld : undefined };
    },
    counts: () => dataset.counts(),
    setFloorPages: async ({ pages }: { pages: Record<string, unknown> }) => {
      for (const [k, v] of Object.entries(pages)) state.pages.set(k, v);
    },
    queryCount: async () => state.queries,
    pragma: async ({ sql }: { sql: string }) => dataSource.query(sql),
    recordQueries: async ({ on }: { on: boolean }) => {
      const recorded = state.recording;
      state.recording = on ? [] : null;
      (dataSource.options as { maxQueryExecutionTime?: number }).maxQueryExecutionTime = on ? 1e-9 : undefined;
      return recorded ?? [];
    },
    explain: async ({ sql, params }: { sql: string; params?: unknown[] }) => {
      const prefix = dataSource.options.type === 'postgres' ? 'EXPLAIN ANALYZE ' : 'EXPLAIN QUERY PLAN ';
      return dataSource.query(prefix + sql, params ?? []);
    },
    /** Annual summary data: the report builder's input for a year, assembled (no rendering). */
    annualSummaryData: async ({ fiscalYear, reps }) => timeReps(reps, async () => {
      const model = assembleAnnualSummary(await builder.annualSummary(fiscalYear, today));
      return model.kind;
    }),
    /** The audit report through the app's renderer: model from the database, HTML, PDF with header and page numbers. */
    reportPdf: async ({ auditId, reps }) => timeReps(reps, async () => (await renderPdf(rendering.pdf, await reportModel(auditId))).length),
    /** The floor: the same HTML, a bare setContent + page.pdf(A4) on the same warm browser and pool. */
    printHtml: async ({ auditId, reps }) => {
      const html = renderHtml(await reportModel(auditId));
      return timeReps(reps, async () => (await rendering.pdf.printHtml(html)).length);
    },
    reportDocx: async ({ auditId, reps }) => {
      const model = await reportModel(auditId);
      return timeReps(reps, async () => (await renderDocx(model)).length);
    },
    /** Floor of the DOCX: the docx package writing one plain table with as many rows as the report has items. */
    docxFloor: async ({ auditId, reps }) => {
      const model = await reportModel(auditId);
      return timeReps(reps, async () => (await bareDocx(model)).length);
    },
    /** Floor of the batch: every HTML printed bare through the same bounded pool, all at once. */
    batchPrintHtml: async ({ auditIds }: { auditIds: number[] }) => {
      const htmls = [];
      for (const id of auditIds) htmls.push(renderHtml(await reportModel(id)));
      const started = performance.now();
      await Promise.all(htmls.map((html) => rendering.pdf.printHtml(html)));
      return { ms: performance.now() - started, stats: rendering.pdf.stats() };
    },
    /**
     * What one query costs on this driver: a workpaper by id through TypeORM's findOne (SQL built,
     * row hydrated), as raw SQL through TypeORM (node-sqlite3 prepares, runs and finalizes a
     * statement: three thread-pool hops), and — the floor — a statement prepared once (one hop).
     */
    queryCost: async ({ workpaperId, reps }: { workpaperId: number; reps: number }) => {
      const em = dataSource.manager;
      const sqlite = dataSource.options.type !== 'postgres';
      const sql = `SELECT * FROM workpaper WHERE id = ${sqlite ? '?' : '$1'}`;
      const orm = await timeReps(reps, () => em.findOne(Workpaper, { where: { id: workpaperId } }));
      const raw = await timeReps(reps, () => em.query(sql, [workpaperId]));
      let prepared: number[];
      if (sqlite) {
        const db = (dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
        const statement = db.prepare(sql);
        prepared = await timeReps(reps, () => new Promise((done, fail) => statement.get([workpaperId], (e: Error | null, row: unknown) => (e ? fail(e) : done(row)))));
        await new Promise((done) => statement.finalize(done));
      } else {
        // A named statement on one pooled connection: PostgreSQL parses and plans it once.
        const runner = dataSource.createQueryRunner();
        const client = (await runner.connect()) as { query: (q: object) => Promise<unknown> };
        prepared = await timeReps(reps, () => client.query({ name: 'bench_wp_by_id', text: sql, values: [workpaperId] }));
        await runner.release();
      }
      return { orm, raw, prepared };
    },
    rendererStats: async () => ({ stats: rendering.pdf.stats(), browserPid: rendering.pdf.browserProcessId() }),
    /** V8 CPU profile of what runs between start and stop (bench/run.ts --profile: one per phase). */
    profileStart: async () => {
      profiler ??= new Session();
      profiler.connect();
      await post(profiler, 'Profiler.enable');
      await post(profiler, 'Profiler.setSamplingInterval', { interval: 200 });
      await post(profiler, 'Profiler.start');
    },
    profileStop: async ({ file }: { file: string }) => {
      if (!profiler) return null;
      const { profile } = await post(profiler, 'Profiler.stop') as { profile: unknown };
      profiler.disconnect();
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
    gc: async () => {
      (globalThis as { gc?: () => void }).gc?.();
    },
    close: async () => {
      setTimeout(() => void app.close().then(() => process.exit(0)), 10);
    },
  };

  process.on('message', (message: Request) => {
    const reply = (response: Response) => process.send!(response);
    const command = commands[message.cmd];
    if (!command) return reply({ id: message.id, ok: false, error: `unknown command ${message.cmd}` });
    command(message.args ?? {}).then(
      (result) => reply({ id: message.id, ok: true, result }),
      (error: Error) => reply({ id: message.id, ok: false, error: error.stack ?? String(error) }),
    );
  });
  process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
  process.send!({ type: 'ready', port: address.port, pid: process.pid });
}

/** Counts (and, while recording, keeps) every query the application sends, whatever the engine. */
function countQueries(dataSource: DataSource, state: BenchState): void {
  const logger = dataSource.logger;
  const original = logger.logQuery.bind(logger);
  let previous = 0;
  logger.logQuery = (query, parameters, queryRunner) => {
    state.queries += 1;
    if (state.recording) {
      const now = performance.now();
      // The time since the previous query: that query's execution plus the code between them.
      state.recording.push(`(+${previous ? (now - previous).toFixed(2) : '—'} ms) ${query}`);
      previous = now;
    } else {
      previous = 0;
    }
    return original(query, parameters, queryRunner);
  };
  // While recording, every query's execution time is reported through logQuerySlow.
  const slow = logger.logQuerySlow.bind(logger);
  logger.logQuerySlow = (time, query, parameters, queryRunner) => {
    if (state.recording) {
      let i = state.recording.length - 1;
      while (i >= 0 && !state.recording[i]!.endsWith(query)) i -= 1;
      if (i >= 0) state.recording[i] = `[${time} ms] ${state.recording[i]}`;
      return;
    }
    return slow(time, query, parameters, queryRunner);
  };
}

function post(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolvePost, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolvePost(result))));
}

async function timeReps(reps: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < reps; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

function bareDocx(model: AuditReportModel): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph({ children: [new TextRun(text)] })] });
  const rows = model.items.map((i) => new TableRow({ children: [cell(String(i.no)), cell(i.text), cell(i.conclusion ?? ''), cell(`${i.category ?? ''}${i.zone ?? ''}`)] }));
  const doc = new Document({
    sections: [{
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '監査報告書', bold: true })] }),
        new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
