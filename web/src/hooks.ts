import { useCallback, useEffect, useRef, useState } from 'react';
import { isNetworkError } from './api';
import type { Loaded } from './offline/offline-audit';
import { useSyncState } from './offline/sync';

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** When the data is the offline copy: when it was fetched. */
  offlineAt: string | null;
  reload(): Promise<void>;
  set(data: T): void;
}

/** Loads data for a screen; `load` may return a Loaded<T> (with an offline fallback) or a plain T. */
export function useAsync<T>(load: () => Promise<T | Loaded<T>>, deps: unknown[]): Async<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [offlineAt, setOfflineAt] = useState<string | null>(null);
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const result = await run();
      if (mine !== generation.current) return;
      if (result && typeof result === 'object' && 'offlineAt' in (result as object) && 'data' in (result as object)) {
        const loaded = result as Loaded<T>;
        setData(loaded.data);
        setOfflineAt(loaded.offlineAt);
      } else {
        setData(result as T);
        setOfflineAt(null);
      }
      setError(null);
    } catch (e) {
      if (mine !== generation.current) return;
      setError(e);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // Shown from the offline copy (or failed for want of network): load again when the server is back.
  const { reachable } = useSyncState();
  const stale = offlineAt !== null || isNetworkError(error);
  useEffect(() => {
    if (reachable && stale) void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reachable]);

  return { data, error, loading, offlineAt, reload, set: setData };
}
