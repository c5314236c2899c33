import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { japanDateOf, type IsoDate } from '../audit';

/**
 * "Today" for the domain rules is the date in Japan. The demo loader replays a year of audits
 * by running each step on the day it happened (runOn); everything else uses the real date.
 */
@Injectable()
export class Clock {
  private readonly replay = new AsyncLocalStorage<IsoDate>();

  today(): IsoDate {
    return this.replay.getStore() ?? japanDateOf(new Date());
  }

  /**
   * The moment a record is stamped with (sign-offs, submissions, answers). While replaying, the
   * replayed day with the current time of day (UTC), so records keep their order within the day.
   */
  now(): string {
    const real = new Date().toISOString();
    const replayed = this.replay.getStore();
    return replayed ? `${replayed}${real.slice(10)}` : real;
  }

  runOn<T>(date: IsoDate, work: () => Promise<T>): Promise<T> {
    return this.replay.run(date, work);
  }
}
