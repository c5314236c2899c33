import type { UiServer } from './server';

/** What the server's OpenAPI document says about the public summaries (issue 4's routes). */
export async function publicSummaryRoutes(s: UiServer): Promise<{ list: boolean; item: boolean }> {
  const doc = (await s.t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, unknown> };
  const paths = Object.keys(doc.paths);
  return { list: paths.includes('/api/public/summaries'), item: paths.some((p) => p.startsWith('/api/public/summaries/{')) };
}
