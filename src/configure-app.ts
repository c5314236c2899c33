import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { KansaErrorFilter } from './common/error.filter';
import { kansaValidationPipe } from './common/validation';
import { serveWebApp } from './common/web-app';

/**
 * Everything that makes the HTTP surface what it is — prefix, validation, error bodies,
 * OpenAPI — applied identically by the server and by the tests.
 */
export function configureApp(app: INestApplication): INestApplication {
  app.setGlobalPrefix('api');
  // Security headers; no CORS is enabled, so other origins cannot call the API from a browser.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } } }));
  app.use(cookieParser());
  // The browser app at / (static files and the SPA fallback; /api falls through to Nest).
  serveWebApp(app);
  app.useGlobalPipes(kansaValidationPipe());
  app.useGlobalFilters(new KansaErrorFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Kansa API')
      .setDescription('がん登録情報の安全管理措置 外部監査管理システム — external audit management for cancer-registry data security')
      .setVersion('0.1.0')
      .addBearerAuth()
      .addCookieAuth('kansa_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
