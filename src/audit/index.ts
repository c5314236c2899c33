/**
 * Kansa's audit domain: the process of the external audit handbook (source 001) as plain
 * TypeScript — no framework, no database, no I/O. See README.md for the map to the handbook.
 */
export * from './vocabulary';
export * from './violation';
export * from './dates';
export * from './fiscal-year';
export * from './access';
export * from './team';
export * from './scope';
export * from './engagement';
export * from './documents';
export * from './workpaper';
export * from './finding';
export * from './remediation';
export * from './state-machine';
export * from './annual-plan';
export * from './reporting';
