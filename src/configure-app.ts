import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { KansaErrorFilter } from './common/error.filter';
import { kansaValidationPipe } from './common/validation';

/**
 * Everything that makes the HTTP surface what it is — prefix, validation, error bodies,
 * OpenAPI — applied identically by the server and by the tests.
 */
export function configureApp(app: INestApplication): INestApplication {
  app.setGlobalPrefix('api');
  app.useGlobalPipes(kansaValidationPipe());
  app.useGlobalFilters(new KansaErrorFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Kansa API')
      .setDescription('がん登録情報の安全管理措置 外部監査管理システム — external audit management for cancer-registry data security')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
