import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a multi-row change as one transaction: all of it is written, or none of it.
 * TypeORM's SQLite driver shares one connection between all query runners, so two transactions
 * at once would interleave on it; there, write transactions take turns behind a mutex.
 * PostgreSQL gives each transaction its own pooled connection.
 */
@Injectable()
export class UnitOfWork {
  private readonly sqliteWriter = new Mutex();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  get engine(): 'sqlite' | 'postgres' {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.engine === 'sqlite') return this.sqliteWriter.runExclusive(() => this.dataSource.transaction(work));
    return this.dataSource.transaction(work);
  }
}
