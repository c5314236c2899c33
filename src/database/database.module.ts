import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { kansaConfig } from '../config/kansa-config.service';
import { dataSourceOptions } from './data-source-options';

@Module({
  imports: [
    // forRootAsync: the options are built from the validated configuration at start,
    // not from process.env at import time (tests run against their own databases).
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => dataSourceOptions(kansaConfig(config)),
    }),
  ],
})
export class DatabaseModule {}
