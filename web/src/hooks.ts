import { useCallback, useEffect, useRef, useState } from 'react';
import { isNetworkError } from './api';
import { useI18n, type Lang } from './i18n';
import type { Loaded } from './offline/offline-audit';
import { useSyncState } from './offline/sync';
import { setNavigationGuard } from './router';
import { fieldErrorsOf, type Checker, type FieldErrors } from './validation';

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

export interface Submission<K extends string> {
  /** Field errors: the browser's own checks, then the server's `fields`/`violations`. */
  errors: FieldErrors;
  error: unknown;
  /** Which action is being sent (for the spinner of its button), or null. */
  busy: K | null;
  /**
   * Applies `check` (when given) and, if it passes, runs `send`; true when it succeeded.
   * `onFailure`, when given, runs after a failed `send` (its error already shown), before `busy` clears.
   */
  submit(key: K, check: Checker | null, send: () => Promise<void>, onFailure?: (e: unknown) => void | Promise<void>): Promise<boolean>;
  /** A fresh start: these field errors (none by default) and no error. */
  reset(errors?: FieldErrors): void;
}

/**
 * The state every form that sends to the server keeps, in one place. `toFieldErrors` turns a
 * failure into field errors (by default the server's `fields`/`violations`).
 */
export function useSubmission<K extends string>(
  lang: Lang,
  toFieldErrors: (e: unknown, lang: Lang) => FieldErrors = fieldErrorsOf,
): Submission<K> {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<K | null>(null);
  const submit = async (key: K, check: Checker | null, send: () => Promise<void>, onFailure?: (e: unknown) => void | Promise<void>): Promise<boolean> => {
    if (check) {
      setErrors(check.errors);
      if (!check.ok) return false;
    }
    setBusy(key);
    setError(null);
    try {
      await send();
      return true;
    } catch (e) {
      setErrors(toFieldErrors(e, lang));
      setError(e);
      await onFailure?.(e);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const reset = useCallback((next: FieldErrors = {}) => {
    setErrors(next);
    setError(null);
  }, []);
  return { errors, error, busy, submit, reset };
}

/** While `dirty`, leaving the screen (in the app or the browser) asks before unsaved changes are lost. */
export function useUnsavedChangesGuard(dirty: boolean): void {
  const { t } = useI18n();
  useEffect(() => {
    setNavigationGuard(dirty ? () => window.confirm(t('unsavedChanges')) : null);
    const onUnload = (e: BeforeUnloadEvent) => {
      if (dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      setNavigationGuard(null);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirty, t]);
}
