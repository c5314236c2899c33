import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../common/clock';
import { kansaConfig } from '../config/kansa-config.service';
import { dataSourceOptions } from './data-source-options';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({
  imports: [
    // forRootAsync: the options are built from the validated configuration at start,
    // not from process.env at import time (tests run against their own databases).
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => dataSourceOptions(kansaConfig(config)),
    }),
  ],
  providers: [UnitOfWork, Clock],
  exports: [UnitOfWork, Clock],
})
export class DatabaseModule {}
