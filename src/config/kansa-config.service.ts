import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CONFIG_KEY, KansaConfig } from './configuration';

export function kansaConfig(config: ConfigService): KansaConfig {
  const value = config.get<KansaConfig>(CONFIG_KEY);
  if (!value) throw new Error('Kansa configuration is not loaded');
  return value;
}

@Injectable()
export class KansaSettings {
  constructor(private readonly config: ConfigService) {}
  get value(): KansaConfig {
    return kansaConfig(this.config);
  }
}
