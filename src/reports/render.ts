/**
 * One call per report and format. All take a model (from `assemble.ts`) and return the bytes or
 * the HTML text; PDF ones take the shared PdfRenderer.
 */
import {
  renderAnnualSummaryDocx,
  renderAuditReportDocx,
  renderPublicSummaryDocx,
  renderWorkpaperExportDocx,
} from './docx-renderer';
import { renderReportPage } from './html';
import type { AnnualSummaryModel, AuditReportModel, PublicSummaryModel, ReportModel, WorkpaperExportModel } from './model';
import type { PdfPageOptions, PdfRenderer } from './pdf-renderer';
import type { PageMeta } from './views';

/** The running header of every PDF page, from the view's page meta. */
export function pdfOptionsFor(meta: PageMeta): PdfPageOptions {
  return { headerLeft: meta.classification, headerRight: meta.runningTitle, headerEmphasis: meta.isDraft, pageNumbers: true };
}

export function renderHtml(model: ReportModel): string {
  return renderReportPage(model).html;
}

export function renderDocx(model: ReportModel): Promise<Buffer> {
  switch (model.kind) {
    case 'audit_report':
      return renderAuditReportDocx(model);
    case 'public_summary':
      return renderPublicSummaryDocx(model);
    case 'annual_summary':
      return renderAnnualSummaryDocx(model);
    case 'workpaper_export':
      return renderWorkpaperExportDocx(model);
  }
}

/** HTML → PDF on the shared renderer, with the report's running header and '- n / N -' page numbers. */
export function renderPdf(pdf: PdfRenderer, model: ReportModel): Promise<Buffer> {
  const { html, meta } = renderReportPage(model);
  return pdf.render(html, pdfOptionsFor(meta));
}

export const renderAuditReportPdf = (pdf: PdfRenderer, model: AuditReportModel): Promise<Buffer> => renderPdf(pdf, model);
export const renderPublicSummaryPdf = (pdf: PdfRenderer, model: PublicSummaryModel): Promise<Buffer> => renderPdf(pdf, model);
export const renderAnnualSummaryPdf = (pdf: PdfRenderer, model: AnnualSummaryModel): Promise<Buffer> => renderPdf(pdf, model);
export const renderWorkpaperExportPdf = (pdf: PdfRenderer, model: WorkpaperExportModel): Promise<Buffer> => renderPdf(pdf, model);
