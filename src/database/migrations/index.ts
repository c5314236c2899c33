import { Catalogs1764000000000 } from './1764000000000-catalogs';
import { Engagements1795593461252 } from './1795593461252-engagements';
import { Surveys1795594309293 } from './1795594309293-surveys';
import { Reports1795594658047 } from './1795594658047-reports';
import { PersonJobTitle1795606213481 } from './1795606213481-person-job-title';
import { ApplicationDecision1795606458719 } from './1795606458719-application-decision';

/** Every migration, in order. New ones are written by scripts/generate-migration.ts and appended here. */
export const MIGRATIONS = [Catalogs1764000000000, Engagements1795593461252, Surveys1795594309293, Reports1795594658047, PersonJobTitle1795606213481, ApplicationDecision1795606458719];
