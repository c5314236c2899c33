import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { listRoutes } from '../support/routes';
import { auditInRemediation, type RemediationScenario } from '../support/scenario';
import { ADMIN_ENV, buildWorld, type Client, type World } from '../support/world';

/** Bodies per write route (raise with KANSA_FUZZ_RUNS for a longer run). */
const RUNS = Number(process.env.KANSA_FUZZ_RUNS ?? 60);

const FIELDS = [
  'version', 'procedures', 'procedure', 'description', 'observation', 'conclusion', 'to', 'reason', 'memberIds', 'managerId', 'title', 'note',
  'severity', 'workpaperId', 'response', 'decision', 'comment', 'fiscalYear', 'kind', 'auditeeId', 'catalog', 'code', 'scopeItems',
  'exclusionReason', 'email', 'password', 'mode', 'roles', 'organisationId', 'actions', 'owner', 'dueDate', 'text', 'evidenceFileIds',
  'call', 'opensOn', 'closesOn', 'visitDate', 'documentDeadline', 'label', 'currentPassword', 'newPassword', 'key', 'name', 'prefectureCode',
  '__proto__', 'constructor', 'id', 'status', 'planId',
];
const HOSTILE = [
  "' OR 1=1 --", "'; DROP TABLE audit; --", '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '\u0000', '\u202e\u0644', '𠀋𡈽',
  '🦀'.repeat(50), '\uFEFF', '../../../etc/passwd', '%00', '${7*7}', '{{7*7}}', 'null', 'true', '1e309', '-1', '2026-02-30', '9999-99-99',
  'A'.repeat(70_000), '監査'.repeat(5_000),
];

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...HOSTILE),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, Number.MAX_VALUE, -0),
    fc.boolean(), fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie('v'), { maxKeys: 4 }),
  ),
})).v;

const body: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 10 })), value, { maxKeys: 8 }),
  fc.array(value, { maxLength: 5 }),
  value,
  // Deep nesting.
  fc.integer({ min: 50, max: 400 }).map((depth) => {
    let v: unknown = 'x';
    for (let i = 0; i < depth; i++) v = { procedures: [v] };
    return v;
  }),
);

const ID_NOISE = ['abc', '-1', '0', '99999999999999999999', '1;DROP TABLE audit', '%27', '1e3', '٣'];

/** A fingerprint of every business table; the session and activity tables grow on refusals by design. */
async function fingerprint(t: TestApp): Promise<string> {
  const tables: { name: string }[] = await t.dataSource.query(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('activity_log', 'session', 'migrations') ORDER BY name",
  );
  const hash = createHash('sha256');
  for (const { name } of tables) hash.update(name).update(JSON.stringify(await t.dataSource.query(`SELECT * FROM "${name}" ORDER BY 1`)));
  return hash.digest('hex');
}

describe('hostile and broken input', () => {
  let t: TestApp;
  let w: World;
  let s: RemediationScenario;

  beforeAll(async () => {
    t = await createTestApp('sqlite', ADMIN_ENV);
    w = await buildWorld(t);
    s = await auditInRemediation(t, w);
  }, 120_000);
  afterAll(async () => t?.close());

  it('never answers 5xx, and leaves the database unchanged on every 4xx, for every write route', async () => {
    const params: Record<string, number | string> = {
      ':id': s.auditId, ':requestId': s.requestId, ':fileId': s.fileId, ':wpId': s.workpaperIds[9], ':noteId': s.noteIds[9],
      ':findingId': s.minorId, ':submissionId': s.planSubmissionId, ':code': 'minimum-baseline',
    };
    const writes = listRoutes(t.app).filter((r) => r.method !== 'GET' && r.key !== 'POST /api/auth/logout');
    expect(writes.length).toBeGreaterThan(25);
    const callers: Client[] = [w.admin, w.as.manager, w.as.auditor1, w.as.auditeeA];
    let before = await fingerprint(t);
    let requests = 0;
    const problems: string[] = [];
    for (const route of writes) {
      await fc.assert(
        fc.asyncProperty(body, fc.nat({ max: callers.length - 1 }), fc.nat({ max: 9 }), async (payload, who, noise) => {
          const path = route.path.replace(/:[A-Za-z]+/g, (name) => String(noise === 0 ? ID_NOISE[requests % ID_NOISE.length] : (name === ':id' && route.path.startsWith('/api/plans') ? s.planId : name === ':id' && route.path.startsWith('/api/people') ? w.people.auditor1.id : params[name])));
          const req = t.http()[route.method.toLowerCase() as 'post'](path).set('Authorization', `Bearer ${callers[who].token}`);
          // Raw strings are sent as they are (often not JSON at all); everything else as JSON.
          const text = typeof payload === 'string' && noise === 1 ? payload : JSON.stringify(payload) ?? 'null';
          const res = await req.set('Content-Type', 'application/json').send(text);
          requests++;
          if (res.status >= 500) problems.push(`${route.key}: ${res.status} for ${JSON.stringify(payload).slice(0, 200)}`);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(res.body).toHaveProperty('code');
          const after = await fingerprint(t);
          if (res.status >= 400 && after !== before) problems.push(`${route.key}: ${res.status} ${res.body.code} changed the database`);
          expect(res.status >= 400 && after !== before).toBe(false);
          before = after;
        }),
        { numRuns: RUNS, seed: 20261125 + requests },
      );
    }
    expect(problems).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(writes.length * RUNS);
  }, 300_000);

  it('uploads: content decides the type, not the name; the stored name is random; a disguised file is refused', async () => {
    const upload = (name: string, content: Buffer, type = 'application/pdf') =>
      t.http().post(`/api/audits/${s.auditId}/evidence`).set('Authorization', `Bearer ${w.as.auditeeA.token}`).attach('file', content, { filename: name, contentType: type });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
    const disguised = await upload('改善報告.pdf', exe).expect(422);
    expect(disguised.body.code).toBe('UPLOAD_CONTENT_MISMATCH');
    const html = await upload('report.txt', Buffer.from('<html><script>alert(1)</script></html>\u0000'), 'text/plain').expect(422);
    expect(html.body.code).toBe('UPLOAD_CONTENT_MISMATCH');
    const wrongExt = await upload('payload.exe', exe, 'application/octet-stream').expect(422);
    expect(wrongExt.body.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0d00000000049454e44ae426082', 'hex');
    const pdfNamedPng = await upload('写真.png', Buffer.from('%PDF-1.4\n%%EOF\n'), 'image/png').expect(422);
    expect(pdfNamedPng.body.code).toBe('UPLOAD_CONTENT_MISMATCH');
    const ok = await upload('../../etc/施錠写真.png', png, 'application/octet-stream').expect(201);
    expect(ok.body).toMatchObject({ name: '施錠写真.png', mediaType: 'image/png', size: png.length });
    const stored = (await t.dataSource.query(`SELECT stored_name FROM stored_file WHERE id = ${ok.body.id}`))[0].stored_name;
    expect(stored).toMatch(/^[0-9a-f]{32}$/);
    const big = await upload('big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024)])).expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
