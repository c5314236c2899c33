/**
 * Synchronisation of workpaper edits. Every save goes to the outbox first (IndexedDB), then to
 * the server when it can be reached, with the version the edit was based on:
 *   200 → the entry leaves the outbox;
 *   409 WORKPAPER_VERSION_CONFLICT → the entry stays, with the server's current workpaper, until
 *         the auditor chooses or merges (never dropped);
 *   no network / 401 → the entry waits; any other refusal stays visible with its reason.
 * A single save goes as PUT; the waiting queue goes in batches (POST …/workpapers/sync), whose
 * answer settles each entry exactly as its own PUT would have.
 */
import { useSyncExternalStore } from 'react';
import { SYNC_BATCH_EDITS } from '../../../src/audit/workpaper';
import { api, ApiError, isNetworkError, onReachabilityChange, serverReachable, type ErrorBody } from '../api';
import type { Workpaper, WorkpaperContent } from '../types';
import {
  deleteOutboxEntry, errorOf, getOutboxEntry, isOffline, listOutbox, putOutboxEntry, putServerWorkpaper, type OutboxEntry,
} from './db';

export interface SyncState {
  reachable: boolean;
  pending: number;
  conflicts: number;
  errors: number;
  syncing: boolean;
  done: number;
  total: number;
  lastSyncAt: string | null;
  /** Bumped on every outbox change, so screens can re-read their entry. */
  revision: number;
}

let state: SyncState = { reachable: serverReachable(), pending: 0, conflicts: 0, errors: 0, syncing: false, done: 0, total: 0, lastSyncAt: null, revision: 0 };
const listeners = new Set<() => void>();

function set(patch: Partial<SyncState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function syncState(): SyncState {
  return state;
}

export function useSyncState(): SyncState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** Recounts the outbox (after any change to it). */
export async function refreshCounts(): Promise<OutboxEntry[]> {
  const entries = await listOutbox().catch(() => [] as OutboxEntry[]);
  set({
    pending: entries.filter((e) => e.state === 'pending').length,
    conflicts: entries.filter((e) => e.state === 'conflict').length,
    errors: entries.filter((e) => e.state === 'error').length,
    revision: state.revision + 1,
  });
  return entries;
}

export type SaveOutcome =
  | { kind: 'saved'; workpaper: Workpaper }
  | { kind: 'queued'; entry: OutboxEntry }
  | { kind: 'conflict'; entry: OutboxEntry }
  | { kind: 'error'; entry: OutboxEntry; error: ApiError };

export interface WorkpaperRef {
  auditId: number;
  auditReference: string;
  workpaperId: number;
  itemNo: number;
}

/** Saves an edit: into the outbox at once, then to the server if it can be reached. */
export async function saveWorkpaper(ref: WorkpaperRef, baseVersion: number, content: WorkpaperContent): Promise<SaveOutcome> {
  const entry: OutboxEntry = {
    workpaperId: ref.workpaperId, auditId: ref.auditId, auditReference: ref.auditReference, itemNo: ref.itemNo,
    baseVersion, content, queuedAt: new Date().toISOString(), state: 'pending', attempts: 0,
  };
  await putOutboxEntry(entry);
  await refreshCounts();
  if (!serverReachable()) return { kind: 'queued', entry };
  return send(entry);
}

async function send(entry: OutboxEntry): Promise<SaveOutcome> {
  const url = `/api/audits/${entry.auditId}/workpapers/${entry.workpaperId}`;
  try {
    return await settleSaved(entry, await api.put<Workpaper>(url, { version: entry.baseVersion, ...entry.content }));
  } catch (error) {
    return settleFailed(entry, error);
  }
}

/**
 * The server saved the entry: it leaves the outbox (unless edited again meanwhile). `announce`
 * tells the screens (lastSyncAt) — a batch does so once for all its entries.
 */
async function settleSaved(entry: OutboxEntry, saved: Workpaper, announce = true): Promise<SaveOutcome> {
  const now = await getOutboxEntry(entry.workpaperId);
  if (now && now.queuedAt === entry.queuedAt) {
    await deleteOutboxEntry(entry.workpaperId);
  } else if (now && now.baseVersion === entry.baseVersion && now.state === 'pending') {
    // Edited again while this save was in flight: the newer edit builds on what was just saved.
    await putOutboxEntry({ ...now, baseVersion: saved.version });
  }
  if (await isOffline(entry.auditId)) await putServerWorkpaper(saved);
  if (announce) set({ lastSyncAt: new Date().toISOString() });
  await refreshCounts();
  return { kind: 'saved', workpaper: saved };
}

/** The save did not happen: wait (no network, signed out, server trouble), conflict, or refusal. */
async function settleFailed(entry: OutboxEntry, error: unknown): Promise<SaveOutcome> {
  if (isNetworkError(error) || (error instanceof ApiError && (error.status === 401 || error.status === 429 || error.status >= 500))) {
    const waiting = { ...entry, attempts: entry.attempts + 1 };
    await keepIfCurrent(waiting);
    return { kind: 'queued', entry: waiting };
  }
  if (error instanceof ApiError && error.code === 'WORKPAPER_VERSION_CONFLICT') {
    const current = error.details?.current as Workpaper | undefined;
    const currentVersion = Number(error.details?.currentVersion ?? current?.version);
    const conflicted: OutboxEntry = {
      ...entry, state: 'conflict', attempts: entry.attempts + 1,
      conflict: { current: current as Workpaper, currentVersion, detectedAt: new Date().toISOString() },
    };
    await keepIfCurrent(conflicted);
    if (current && (await isOffline(entry.auditId))) await putServerWorkpaper(current);
    await refreshCounts();
    return { kind: 'conflict', entry: conflicted };
  }
  if (error instanceof ApiError) {
    const refused: OutboxEntry = { ...entry, state: 'error', attempts: entry.attempts + 1, error: errorOf(error) };
    await keepIfCurrent(refused);
    await refreshCounts();
    return { kind: 'error', entry: refused, error };
  }
  throw error;
}

interface SyncAnswer {
  results: ({ workpaperId: number; status: 200; workpaper: Workpaper } | { workpaperId: number; status: number; error: ErrorBody })[];
}

/**
 * Sends edits of one audit in one request (POST …/workpapers/sync): the server decides each as a
 * single save and answers each on its own, so each entry is settled as its own save would be.
 */
async function sendBatch(entries: OutboxEntry[]): Promise<SaveOutcome[]> {
  let answer: SyncAnswer;
  try {
    answer = await api.post<SyncAnswer>(`/api/audits/${entries[0]!.auditId}/workpapers/sync`, {
      edits: entries.map((e) => ({ workpaperId: e.workpaperId, version: e.baseVersion, ...e.content })),
    });
  } catch (error) {
    // A malformed edit refuses the whole request: one by one, only that edit is refused.
    if (error instanceof ApiError && error.status === 400) {
      const outcomes: SaveOutcome[] = [];
      for (const entry of entries) outcomes.push(await send(entry));
      return outcomes;
    }
    // Otherwise (offline, signed out, not allowed any more) every edit fares as its own save would.
    const outcomes: SaveOutcome[] = [];
    for (const entry of entries) outcomes.push(await settleFailed(entry, error));
    return outcomes;
  }
  const outcomes: SaveOutcome[] = [];
  for (const [i, result] of answer.results.entries()) {
    const entry = entries[i]!;
    outcomes.push('workpaper' in result ? await settleSaved(entry, result.workpaper, false) : await settleFailed(entry, new ApiError(result.error)));
  }
  if (outcomes.some((o) => o.kind === 'saved')) set({ lastSyncAt: new Date().toISOString() });
  return outcomes;
}

/** Writes the entry's new state unless a newer local edit replaced it meanwhile. */
async function keepIfCurrent(entry: OutboxEntry): Promise<void> {
  const now = await getOutboxEntry(entry.workpaperId);
  if (!now || now.queuedAt === entry.queuedAt) await putOutboxEntry(entry);
}

let running: Promise<void> | null = null;

/** Sends every waiting edit, reporting progress. */
export function syncAll(): Promise<void> {
  running ??= (async () => {
    try {
      const waiting = (await listOutbox()).filter((e) => e.state === 'pending').sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
      if (!waiting.length) return;
      set({ syncing: true, done: 0, total: waiting.length });
      // Oldest first, in batches of one audit's edits (the outbox holds one entry per workpaper).
      const batches: OutboxEntry[][] = [];
      for (const entry of waiting) {
        const last = batches[batches.length - 1];
        if (last && last[0]!.auditId === entry.auditId && last.length < SYNC_BATCH_EDITS) last.push(entry);
        else batches.push([entry]);
      }
      for (const batch of batches) {
        if (!serverReachable()) break;
        const outcomes = await sendBatch(batch);
        set({ done: state.done + batch.length });
        if (outcomes.some((o) => o.kind === 'queued')) break;
      }
    } finally {
      set({ syncing: false });
      await refreshCounts();
      running = null;
    }
  })();
  return running;
}

/** The auditor's choice in a conflict: save this content against the server's current version. */
export async function resolveConflict(entry: OutboxEntry, content: WorkpaperContent, currentVersion: number): Promise<SaveOutcome> {
  const next: OutboxEntry = { ...entry, content, baseVersion: currentVersion, state: 'pending', conflict: undefined, error: undefined, queuedAt: new Date().toISOString() };
  await putOutboxEntry(next);
  await refreshCounts();
  if (!serverReachable()) return { kind: 'queued', entry: next };
  return send(next);
}

/** Drops the local edit (the auditor chose the server's version, or discards a refused edit). */
export async function discard(entry: OutboxEntry): Promise<void> {
  if (entry.conflict?.current && (await isOffline(entry.auditId))) await putServerWorkpaper(entry.conflict.current);
  await deleteOutboxEntry(entry.workpaperId);
  await refreshCounts();
}

export async function retry(entry: OutboxEntry): Promise<SaveOutcome> {
  const next: OutboxEntry = { ...entry, state: 'pending', error: undefined };
  await putOutboxEntry(next);
  await refreshCounts();
  return send(next);
}

let started = false;

/** Starts watching the connection: sync when it returns, probe now and then while edits wait. */
export function startSync(): void {
  if (started) return;
  started = true;
  onReachabilityChange((reachable) => {
    set({ reachable });
    if (reachable) void syncAll();
  });
  window.setInterval(() => {
    if (!state.pending || state.syncing || !navigator.onLine) return;
    if (serverReachable()) {
      void syncAll();
    } else {
      void api.get('/api/health').then(() => syncAll(), () => undefined);
    }
  }, 15_000);
  void refreshCounts().then(() => {
    if (serverReachable()) void syncAll();
  });
}
