import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CONFIG_KEY, loadConfig } from './configuration';
import { KansaSettings } from './kansa-config.service';

/**
 * Wraps @nestjs/config: the environment is read once, validated, and exposed under the
 * `kansa` key. Tests pass their own environment instead of mutating process.env.
 */
@Module({})
export class KansaConfigModule {
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    const config = loadConfig(env);
    return {
      module: KansaConfigModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: true,
          isGlobal: true,
          load: [() => ({ [CONFIG_KEY]: config })],
        }),
      ],
      providers: [KansaSettings],
      exports: [ConfigModule, KansaSettings],
    };
  }
}
