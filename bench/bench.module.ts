/**
 * The benchmark's floors: bare Nest routes in the same application as the measured ones (same
 * HTTP stack, global prefix, guard, pipes and filter; same database driver), without any domain
 * logic. Registered only by bench/server.ts — never by the production AppModule. Every route is
 * public (the global guard refuses undeclared routes), so no session lookup happens.
 */
import { Body, Controller, Get, HttpCode, Injectable, Module, OnModuleInit, Param, Post, Put, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Access } from '../src/modules/auth/access.decorator';

/** What the floors serve and what the benchmark counts, set by bench/server.ts. */
@Injectable()
export class BenchState {
  /** The audit page's four JSON answers, captured once from the real routes. */
  readonly pages = new Map<string, unknown>();
  /** Queries sent to the database since start (every engine, every route). */
  queries = 0;
  /** While recording: the SQL of every query, for query logging. */
  recording: string[] | null = null;
}

@Controller('bench/floor')
export class BenchFloorController implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly state: BenchState) {}

  private get postgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  async onModuleInit(): Promise<void> {
    const id = this.postgres ? 'id SERIAL PRIMARY KEY' : 'id INTEGER PRIMARY KEY AUTOINCREMENT';
    await this.dataSource.query(`CREATE TABLE IF NOT EXISTS bench_floor_write (${id}, chain INTEGER NOT NULL, body TEXT NOT NULL)`);
  }

  /** Floor of the workpaper save: one INSERT of the request body, no validation, no transaction. */
  @Put('write/:chain')
  @HttpCode(200)
  @Access.public()
  async write(@Param('chain') chain: string, @Body() body: unknown) {
    const sql = this.postgres ? 'INSERT INTO bench_floor_write (chain, body) VALUES ($1, $2)' : 'INSERT INTO bench_floor_write (chain, body) VALUES (?, ?)';
    await this.dataSource.query(sql, [Number(chain), JSON.stringify(body)]);
    return { ok: true };
  }

  /** Floor of the offline sync: the request's rows INSERTed in one transaction, nothing else. */
  @Post('write-batch')
  @HttpCode(200)
  @Access.public()
  async writeBatch(@Body() body: { rows: { chain: number }[] }) {
    const sql = this.postgres ? 'INSERT INTO bench_floor_write (chain, body) VALUES ($1, $2)' : 'INSERT INTO bench_floor_write (chain, body) VALUES (?, ?)';
    await this.dataSource.transaction(async (em) => {
      for (const row of body.rows) await em.query(sql, [row.chain, JSON.stringify(row)]);
    });
    return { ok: true, rows: body.rows.length };
  }

  /** Floor of the audit page: the same JSON as the real route, from memory. */
  @Get('page/:part')
  @Access.public()
  page(@Param('part') part: string) {
    return this.state.pages.get(part) ?? {};
  }

  /**
   * Floor of the category × zone dashboard: the database's own aggregate over the same rows
   * (one GROUP BY over the year's workpapers joined to their catalogue items).
   */
  @Get('dashboard')
  @Access.public()
  async dashboard(@Query('fiscalYear') fiscalYear: string) {
    const p = this.postgres ? '$1' : '?';
    return this.dataSource.query(
      `SELECT i.category AS category, i.zone AS zone, w.conclusion AS conclusion, COUNT(*) AS n
         FROM workpaper w
         JOIN audit a ON a.id = w.audit_id
         JOIN catalog_item i ON i.version_id = a.catalog_version_id AND i.no = w.item_no
        WHERE a.fiscal_year = ${p} AND a.status <> 'cancelled'
        GROUP BY i.category, i.zone, w.conclusion`,
      [Number(fiscalYear)],
    );
  }
}

@Module({
  controllers: [BenchFloorController],
  providers: [BenchState],
  exports: [BenchState],
})
export class BenchModule {}
