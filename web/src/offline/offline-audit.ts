/**
 * "Make available offline" and the loaders that fall back to the offline copy when the server
 * cannot be reached. While online, the copy of an offline audit is kept fresh by every read.
 */
import { api, isNetworkError, mapLimit } from '../api';
import type { AuditDetail, DocumentsView, Finding, Workpaper } from '../types';
import {
  getOfflineAudit, getStoredWorkpaper, putServerWorkpaper, storedWorkpapersOf, storeOfflineAudit, type OfflineAudit,
} from './db';

export interface Loaded<T> {
  data: T;
  /** Set when the data comes from this device (the server could not be reached). */
  offlineAt: string | null;
}

export async function makeAvailableOffline(auditId: number, onProgress: (done: number, total: number) => void): Promise<OfflineAudit> {
  // The audit with its sections in one request (a section this person may not see is null).
  const { workpapers, findings, documents, ...detail } = await api.get<AuditDetail & {
    workpapers: Workpaper[] | null; findings: Finding[] | null; documents: DocumentsView | null;
  }>(`/api/audits/${auditId}?include=workpapers,findings,documents`);
  const list = workpapers ?? [];
  const total = list.length + 2;
  let done = 0;
  const tick = () => onProgress(++done, total);
  onProgress(0, total);
  tick();
  const full = await mapLimit(list, 4, async (row) => {
    const wp = await api.get<Workpaper>(`/api/audits/${auditId}/workpapers/${row.id}`);
    tick();
    return { ...wp, openReviewNotes: row.openReviewNotes, inScope: row.inScope };
  });
  const record: OfflineAudit = { auditId, detail, documents, findings, fetchedAt: new Date().toISOString(), workpaperCount: full.length };
  await storeOfflineAudit(record, full);
  await shellStatus();
  tick();
  return record;
}

export interface ShellStatus {
  supported: boolean;
  cached: boolean;
  controlled: boolean;
}

/** Asks the service worker whether the app shell is stored (and stores what is missing). */
export async function shellStatus(timeoutMs = 8000): Promise<ShellStatus> {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return { supported: false, cached: false, controlled: false };
  const timeout = <T>(p: Promise<T>, fallback: T) => Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), timeoutMs))]);
  const registration = await timeout(navigator.serviceWorker.ready, null);
  if (!registration?.active) return { supported: true, cached: false, controlled: false };
  if (!navigator.serviceWorker.controller) {
    await timeout(new Promise<void>((r) => navigator.serviceWorker.addEventListener('controllerchange', () => r(), { once: true })), undefined);
  }
  const answer = await timeout(
    new Promise<{ missing: number } | null>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event: MessageEvent) => resolve(event.data as { missing: number });
      registration.active!.postMessage({ type: 'kansa:shell-status' }, [channel.port2]);
    }),
    null,
  );
  return { supported: true, cached: answer !== null && answer.missing === 0, controlled: !!navigator.serviceWorker.controller };
}

async function withFallback<T>(online: () => Promise<T>, offline: () => Promise<{ data: T; at: string } | null>): Promise<Loaded<T>> {
  try {
    return { data: await online(), offlineAt: null };
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    const copy = await offline();
    if (!copy) throw error;
    return { data: copy.data, offlineAt: copy.at };
  }
}

export function loadAudit(auditId: number): Promise<Loaded<AuditDetail>> {
  return withFallback(
    async () => {
      const detail = await api.get<AuditDetail>(`/api/audits/${auditId}`);
      const copy = await getOfflineAudit(auditId).catch(() => undefined);
      if (copy) await storeOfflineAudit({ ...copy, detail }, []);
      return detail;
    },
    async () => {
      const copy = await getOfflineAudit(auditId);
      return copy ? { data: copy.detail, at: copy.fetchedAt } : null;
    },
  );
}

export function loadWorkpapers(auditId: number): Promise<Loaded<Workpaper[]>> {
  return withFallback(
    async () => {
      const list = await api.get<Workpaper[]>(`/api/audits/${auditId}/workpapers`);
      if (await getOfflineAudit(auditId).catch(() => undefined)) {
        for (const wp of list) {
          const stored = await getStoredWorkpaper(wp.id);
          // A newer copy on the server: keep its notes from the stored copy only if the version matches.
          await putServerWorkpaper(stored && stored.server.version === wp.version ? wp : { ...wp, reviewNotes: stored?.server.reviewNotes });
        }
      }
      return list;
    },
    async () => {
      const copy = await getOfflineAudit(auditId);
      if (!copy) return null;
      const stored = await storedWorkpapersOf(auditId);
      return { data: stored.map((s) => s.server).sort((a, b) => a.itemNo - b.itemNo), at: copy.fetchedAt };
    },
  );
}

export function loadWorkpaper(auditId: number, workpaperId: number): Promise<Loaded<Workpaper>> {
  return withFallback(
    async () => {
      const wp = await api.get<Workpaper>(`/api/audits/${auditId}/workpapers/${workpaperId}`);
      if (await getOfflineAudit(auditId).catch(() => undefined)) await putServerWorkpaper(wp);
      return wp;
    },
    async () => {
      const stored = await getStoredWorkpaper(workpaperId);
      return stored && stored.auditId === auditId ? { data: stored.server, at: stored.fetchedAt } : null;
    },
  );
}

export function loadFindings(auditId: number): Promise<Loaded<Finding[]>> {
  return withFallback(
    () => api.get<Finding[]>(`/api/audits/${auditId}/findings`),
    async () => {
      const copy = await getOfflineAudit(auditId);
      return copy?.findings ? { data: copy.findings, at: copy.fetchedAt } : null;
    },
  );
}

export function loadDocuments(auditId: number): Promise<Loaded<DocumentsView>> {
  return withFallback(
    () => api.get<DocumentsView>(`/api/audits/${auditId}/documents`),
    async () => {
      const copy = await getOfflineAudit(auditId);
      return copy?.documents ? { data: copy.documents, at: copy.fetchedAt } : null;
    },
  );
}
