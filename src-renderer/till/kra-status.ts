/** KRA's status in words a cashier understands, from the engine's sync.status. */
import type { SyncStatus } from '../../src-shared/api';
import type { MessageKey, Params } from '../../src-shared/i18n';
import { formatDuration } from '../format';

/** From this close to the limit, the status bar warns that sales will stop. */
export const WARN_BEFORE_BLOCK_SECONDS = 6 * 60 * 60;

export type Tone = 'online' | 'offline' | 'warning' | 'blocked';

export interface Phrase {
  key: MessageKey;
  params?: Params;
}

export interface StatusWords {
  tone: Tone;
  headline: Phrase;
  detail: Phrase | null;
}

export function describeKraStatus(status: SyncStatus, nowMs: number): StatusWords {
  if (status.state === 'blocked') return { tone: 'blocked', headline: { key: 'status.blocked' }, detail: null };
  const left = status.secondsUntilBlock;
  const warning: Phrase | null =
    left !== null && left <= WARN_BEFORE_BLOCK_SECONDS ? { key: 'status.stopsIn', params: { duration: formatDuration(left) } } : null;
  if (status.state === 'online') return { tone: warning ? 'warning' : 'online', headline: { key: 'status.online' }, detail: warning };
  const headline: Phrase = status.lastContactAt
    ? { key: 'status.offlineFor', params: { duration: formatDuration((nowMs - Date.parse(status.lastContactAt)) / 1000) } }
    : { key: 'status.offline' };
  return { tone: warning ? 'warning' : 'offline', headline, detail: warning ?? { key: 'status.offlineHelp' } };
}

/** The store's offline limit: "24 h", or "2 h 30 min" when it is not whole hours. */
export function formatLimit(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : formatDuration(seconds);
}
