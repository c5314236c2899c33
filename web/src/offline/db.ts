/**
 * The offline store (IndexedDB through idb): audits made available offline, their workpapers as
 * last seen on the server, and the outbox of edits not yet synchronised — each with the version
 * it was based on. Survives a browser restart; wiped on logout.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ApiError } from '../api';
import type { AuditDetail, DocumentsView, Finding, Me, Workpaper, WorkpaperContent } from '../types';

export const DB_NAME = 'kansa-offline';

export interface OfflineAudit {
  auditId: number;
  detail: AuditDetail;
  documents: DocumentsView | null;
  findings: Finding[] | null;
  fetchedAt: string;
  workpaperCount: number;
}

export interface StoredWorkpaper {
  id: number;
  auditId: number;
  /** The workpaper as the server last sent it (with its item and review notes). */
  server: Workpaper;
  fetchedAt: string;
}

export type OutboxState = 'pending' | 'conflict' | 'error';

export interface OutboxEntry {
  workpaperId: number;
  auditId: number;
  auditReference: string;
  itemNo: number;
  /** The version the edit was based on: sent with the save, so a stale edit is detected. */
  baseVersion: number;
  content: WorkpaperContent;
  queuedAt: string;
  state: OutboxState;
  attempts: number;
  /** A 409: the server's current workpaper, kept until the auditor chooses or merges. */
  conflict?: { current: Workpaper; currentVersion: number; detectedAt: string };
  /** Any other refusal (the audit moved on, a rule): kept, never dropped silently. */
  error?: { code: string; ja: string; en: string; status: number };
}

interface KansaDB extends DBSchema {
  meta: { key: string; value: { key: string; value: unknown } };
  audits: { key: number; value: OfflineAudit };
  workpapers: { key: number; value: StoredWorkpaper; indexes: { byAudit: number } };
  outbox: { key: number; value: OutboxEntry; indexes: { byAudit: number } };
}

let dbPromise: Promise<IDBPDatabase<KansaDB>> | null = null;

export function db(): Promise<IDBPDatabase<KansaDB>> {
  dbPromise ??= openDB<KansaDB>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('meta', { keyPath: 'key' });
      database.createObjectStore('audits', { keyPath: 'auditId' });
      database.createObjectStore('workpapers', { keyPath: 'id' }).createIndex('byAudit', 'auditId');
      database.createObjectStore('outbox', { keyPath: 'workpaperId' }).createIndex('byAudit', 'auditId');
    },
    blocking() {
      // Another tab wants to delete or upgrade the database (logout): let it.
      void dbPromise?.then((d) => d.close());
      dbPromise = null;
    },
  });
  return dbPromise;
}

/** True when the offline database exists (reading must not create it after a logout). */
export async function offlineDataExists(): Promise<boolean> {
  if (dbPromise) return true;
  if (typeof indexedDB.databases !== 'function') return true;
  return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

// ---- the person whose data this is ---------------------------------------------------------------

export interface StoredSession {
  person: Me;
  savedAt: string;
}

export async function getSession(): Promise<StoredSession | null> {
  if (!(await offlineDataExists())) return null;
  const row = await (await db()).get('meta', 'session');
  return (row?.value as StoredSession | undefined) ?? null;
}

/** Remembers who is logged in (to open the app offline); another person's data is wiped first. */
export async function saveSession(person: Me): Promise<void> {
  const previous = await getSession();
  if (previous && previous.person.personId !== person.personId) await wipe();
  await (await db()).put('meta', { key: 'session', value: { person, savedAt: new Date().toISOString() } satisfies StoredSession });
}

/** Removes every piece of offline data (logout). */
export async function wipe(): Promise<void> {
  const d = await db();
  const tx = d.transaction(['meta', 'audits', 'workpapers', 'outbox'], 'readwrite');
  await Promise.all([tx.objectStore('meta').clear(), tx.objectStore('audits').clear(), tx.objectStore('workpapers').clear(), tx.objectStore('outbox').clear(), tx.done]);
}

export async function destroy(): Promise<void> {
  const d = await dbPromise?.catch(() => null);
  d?.close();
  dbPromise = null;
  await deleteDB(DB_NAME);
}

// ---- audits kept offline ---------------------------------------------------------------------------

export async function getOfflineAudit(auditId: number): Promise<OfflineAudit | undefined> {
  if (!(await offlineDataExists())) return undefined;
  return (await db()).get('audits', auditId);
}

export async function listOfflineAudits(): Promise<OfflineAudit[]> {
  if (!(await offlineDataExists())) return [];
  return (await db()).getAll('audits');
}

export async function storeOfflineAudit(audit: OfflineAudit, workpapers: Workpaper[]): Promise<void> {
  const d = await db();
  const tx = d.transaction(['audits', 'workpapers'], 'readwrite');
  const fetchedAt = audit.fetchedAt;
  await tx.objectStore('audits').put(audit);
  for (const wp of workpapers) await tx.objectStore('workpapers').put({ id: wp.id, auditId: wp.auditId, server: wp, fetchedAt });
  await tx.done;
}

export async function removeOfflineAudit(auditId: number): Promise<void> {
  const d = await db();
  const tx = d.transaction(['audits', 'workpapers'], 'readwrite');
  await tx.objectStore('audits').delete(auditId);
  const keys = await tx.objectStore('workpapers').index('byAudit').getAllKeys(auditId);
  for (const key of keys) await tx.objectStore('workpapers').delete(key);
  await tx.done;
}

export async function isOffline(auditId: number): Promise<boolean> {
  return (await getOfflineAudit(auditId)) !== undefined;
}

// ---- workpapers --------------------------------------------------------------------------------------

export async function getStoredWorkpaper(id: number): Promise<StoredWorkpaper | undefined> {
  return (await db()).get('workpapers', id);
}

export async function storedWorkpapersOf(auditId: number): Promise<StoredWorkpaper[]> {
  return (await db()).getAllFromIndex('workpapers', 'byAudit', auditId);
}

/** Keeps the server's copy fresh (merging in item and notes that a save answer lacks). */
export async function putServerWorkpaper(wp: Workpaper): Promise<void> {
  const d = await db();
  const existing = await d.get('workpapers', wp.id);
  const merged: Workpaper = { ...existing?.server, ...wp, item: wp.item ?? existing?.server.item, reviewNotes: wp.reviewNotes ?? existing?.server.reviewNotes };
  await d.put('workpapers', { id: wp.id, auditId: wp.auditId, server: merged, fetchedAt: new Date().toISOString() });
}

// ---- the outbox ----------------------------------------------------------------------------------------

export async function getOutboxEntry(workpaperId: number): Promise<OutboxEntry | undefined> {
  if (!(await offlineDataExists())) return undefined;
  return (await db()).get('outbox', workpaperId);
}

export async function listOutbox(): Promise<OutboxEntry[]> {
  if (!(await offlineDataExists())) return [];
  return (await db()).getAll('outbox');
}

export async function putOutboxEntry(entry: OutboxEntry): Promise<void> {
  await (await db()).put('outbox', entry);
}

export async function deleteOutboxEntry(workpaperId: number): Promise<void> {
  await (await db()).delete('outbox', workpaperId);
}

export function errorOf(error: ApiError): OutboxEntry['error'] {
  return { code: error.code, ja: error.bilingual.ja, en: error.bilingual.en, status: error.status };
}
