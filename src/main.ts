import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/configuration';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Kansa: configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(process.env), {
    bufferLogs: false,
  });
  configureApp(app);
  await app.listen(config.port, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  const db = config.database.type === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL';
  Logger.log(`Kansa is running at ${url}  (API docs: ${url}/api/docs, database: ${db})`, 'Kansa');
}

void bootstrap();
