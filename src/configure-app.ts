import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { KansaErrorFilter } from './common/error.filter';
import { kansaValidationPipe } from './common/validation';
import { serveWebApp } from './common/web-app';

/** The largest JSON request body accepted. */
export const MAX_JSON_BODY = '4mb';

/**
 * Everything that makes the HTTP surface what it is — prefix, validation, error bodies,
 * OpenAPI — applied identically by the server and by the tests.
 */
export function configureApp(app: INestApplication): INestApplication {
  app.setGlobalPrefix('api');
  // JSON bodies up to 4 MB (express's default is 100 kB): a workpaper may hold twenty procedures
  // of long text, and a device's sync sends its queued edits together. Files go by multipart.
  (app as NestExpressApplication).useBodyParser('json', { limit: MAX_JSON_BODY });
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
