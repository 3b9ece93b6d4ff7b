import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../src-shared/api';
import type { ApiClient } from './api/client';
import { ScanDetector, withoutScan } from './till/scanner';

const STATUS_REFRESH_MS = 10_000;

/** KRA's status from the engine: asked on start and every few seconds, and pushed as it changes. */
export function useSyncStatus(api: ApiClient, active: boolean): { status: SyncStatus | null; refresh: () => void } {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const refresh = useCallback(() => {
    api.call('sync.status', {}).then(setStatus, () => undefined);
  }, [api]);
  useEffect(() => {
    if (!active) return;
    refresh();
    const timer = setInterval(refresh, STATUS_REFRESH_MS);
    const unsubscribe = api.on('sync.status', setStatus);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [api, active, refresh]);
  return { status, refresh };
}

const setInputValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;

/**
 * Listens for a barcode scanner anywhere on the page. The scanner's characters land wherever the
 * focus is; once its Enter shows they were a scan, they are taken back out of that field. Fields
 * marked data-scanner="off" (codes, names, PINs typed by hand) keep whatever arrives.
 */
export function useScanner(onScan: (code: string) => void, enabled: boolean): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    const detector = new ScanDetector();
    let burstInput: HTMLInputElement | null = null;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.key === 'Shift') return;
      if (event.target instanceof HTMLElement && event.target.dataset.scanner === 'off') return detector.reset();
      if (event.key.length === 1) {
        const input = event.target instanceof HTMLInputElement ? event.target : null;
        if (detector.key(event.key, event.timeStamp)) burstInput = input;
        return;
      }
      if (event.key !== 'Enter') return detector.reset();
      const code = detector.enter(event.timeStamp);
      if (code === null) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (burstInput && setInputValue) {
        setInputValue.call(burstInput, withoutScan(burstInput.value, code));
        burstInput.dispatchEvent(new Event('input', { bubbles: true }));
      }
      latest.current(code);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [enabled]);
}

/** A keydown handler on the window while mounted; the latest handler is always the one called. */
export function useWindowKeys(onKey: (event: KeyboardEvent) => void): void {
  const latest = useRef(onKey);
  latest.current = onKey;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => latest.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
