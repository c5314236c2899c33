import { Injectable, Logger } from '@nestjs/common';

/** Loads seeds/demo through the domain services (written in its own change). */
@Injectable()
export class DemoLoader {
  private readonly logger = new Logger('Demo');

  async loadOnce(): Promise<void> {
    this.logger.warn('Demo data loader not implemented yet');
  }
}
