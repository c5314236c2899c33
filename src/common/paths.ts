import { resolve } from 'node:path';

/** The project root, the same from src/ (tests) and dist/ (built server): both sit one level down. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const SEEDS_DIR = resolve(PROJECT_ROOT, 'seeds');
export const TEMPLATES_DIR = resolve(PROJECT_ROOT, 'templates');
