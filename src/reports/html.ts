/**
 * HTML rendering from the Handlebars templates in `templates/`.
 *
 * Escaping: every value is written with `{{…}}`, which HTML-escapes (& < > " ' ` =). The
 * templates never use the raw forms `{{{…}}}` / `{{& …}}` (a test checks the files), and the
 * environment is compiled with `strict` (a missing field throws instead of printing nothing)
 * and `knownHelpersOnly` (no helper beyond if/each/with/unless). Templates only place values:
 * every string comes from a view (views.ts), every number from the model (assemble.ts).
 *
 * The pages forbid scripts and remote loads by their Content-Security-Policy, and the PDF
 * renderer also runs them with JavaScript disabled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../common/paths';
import { RenderError } from './errors';
import type { AnnualSummaryModel, AuditReportModel, PublicSummaryModel, ReportModel, WorkpaperExportModel } from './model';
import {
  annualSummaryView,
  AnnualSummaryView,
  auditReportView,
  AuditReportView,
  PageMeta,
  publicSummaryView,
  PublicSummaryView,
  workpaperExportView,
  WorkpaperExportView,
} from './views';

export const TEMPLATE_FILES = {
  audit_report: 'audit-report.hbs',
  public_summary: 'public-summary.hbs',
  annual_summary: 'annual-summary.hbs',
  workpaper_export: 'workpapers.hbs',
} as const;
type TemplateName = keyof typeof TEMPLATE_FILES;

type Compiled = HandlebarsTemplateDelegate<unknown>;

const COMPILE_OPTIONS: CompileOptions = { strict: true, knownHelpersOnly: true, preventIndent: true, noEscape: false };

interface Environment {
  readonly dir: string;
  readonly templates: Partial<Record<TemplateName, Compiled>>;
  readonly hb: typeof Handlebars;
}

let environment: Environment | null = null;

function createEnvironment(dir: string): Environment {
  const hb = Handlebars.create();
  try {
    hb.registerPartial('styles', readFileSync(join(dir, 'report.css'), 'utf8'));
    const partialsDir = join(dir, 'partials');
    for (const file of readdirSync(partialsDir)) {
      if (file.endsWith('.hbs')) hb.registerPartial(basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8'));
    }
  } catch (error) {
    throw new RenderError('template_failed', `cannot read the templates in ${dir}`, { cause: error });
  }
  return { dir, templates: {}, hb };
}

/**
 * Where the templates are read from (default: the project's `templates/`). Templates are read
 * and compiled once per process; call again (or `clearTemplateCache()`) after editing them.
 */
export function useTemplatesDir(dir: string = TEMPLATES_DIR): void {
  environment = createEnvironment(dir);
}

export function clearTemplateCache(): void {
  environment = null;
}

function template(name: TemplateName): Compiled {
  environment ??= createEnvironment(TEMPLATES_DIR);
  const env = environment;
  const cached = env.templates[name];
  if (cached) return cached;
  let source: string;
  try {
    source = readFileSync(join(env.dir, TEMPLATE_FILES[name]), 'utf8');
  } catch (error) {
    throw new RenderError('template_failed', `cannot read ${TEMPLATE_FILES[name]}`, { cause: error });
  }
  const compiled = env.hb.compile(source, COMPILE_OPTIONS);
  env.templates[name] = compiled;
  return compiled;
}

function run<V>(name: TemplateName, view: V): string {
  try {
    return template(name)(view);
  } catch (error) {
    if (error instanceof RenderError) throw error;
    throw new RenderError('template_failed', `${TEMPLATE_FILES[name]}: ${(error as Error).message}`, { cause: error });
  }
}

/** HTML-escapes a value as the templates do (for the few strings built outside a template). */
export function escapeHtml(value: string | number): string {
  return Handlebars.escapeExpression(String(value));
}

export function renderAuditReportHtml(model: AuditReportModel): string {
  return run<AuditReportView>('audit_report', auditReportView(model));
}

export function renderPublicSummaryHtml(model: PublicSummaryModel): string {
  return run<PublicSummaryView>('public_summary', publicSummaryView(model));
}

export function renderAnnualSummaryHtml(model: AnnualSummaryModel): string {
  return run<AnnualSummaryView>('annual_summary', annualSummaryView(model));
}

export function renderWorkpaperExportHtml(model: WorkpaperExportModel): string {
  return run<WorkpaperExportView>('workpaper_export', workpaperExportView(model));
}

/** The HTML of any report and its page meta (title, draft mark, running header) from one view. */
export function renderReportPage(model: ReportModel): { readonly html: string; readonly meta: PageMeta } {
  switch (model.kind) {
    case 'audit_report': {
      const view = auditReportView(model);
      return { html: run('audit_report', view), meta: view.meta };
    }
    case 'public_summary': {
      const view = publicSummaryView(model);
      return { html: run('public_summary', view), meta: view.meta };
    }
    case 'annual_summary': {
      const view = annualSummaryView(model);
      return { html: run('annual_summary', view), meta: view.meta };
    }
    case 'workpaper_export': {
      const view = workpaperExportView(model);
      return { html: run('workpaper_export', view), meta: view.meta };
    }
  }
}
