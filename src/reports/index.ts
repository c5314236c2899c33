/**
 * Kansa's reports: models (model.ts), derivations (assemble.ts), views shared by all formats
 * (views.ts), HTML from templates/ (html.ts), PDF (pdf-renderer.ts), Word (docx-renderer.ts),
 * download names (file-names.ts). Plain TypeScript: no Nest, no database.
 */
export * from './model';
export * from './errors';
export * from './labels';
export * from './format';
export * from './assemble';
export * from './views';
export * from './html';
export * from './pdf-renderer';
export * from './docx-renderer';
export * from './file-names';
export * from './render';
