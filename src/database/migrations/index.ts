import { Catalogs1764000000000 } from './1764000000000-catalogs';

/** Every migration, in order. New migrations are appended here. */
export const MIGRATIONS = [Catalogs1764000000000];
