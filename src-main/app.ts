/**
 * The composition root: builds every service once. The Electron shell and the headless host both
 * call createApp and talk to the engine only through the returned dispatch and events.
 */
import type { KraMode } from '../src-shared/api';
import { systemClock, type Clock } from '../src-shared/clock';
import { createDispatch, type Dispatch } from './api/dispatch';
import { AppEvents } from './api/events';
import type { AllHandlers } from './api/handlers';
import { openLedger } from './ledger/open';
import { readSetting, writeSetting } from './ledger/settings';
import { newPinSalt } from './security/pin';
import { seedDemoUsers } from './session/demo-users';
import { sessionHandlers } from './session/handlers';
import { Sessions, type LockoutPolicy } from './session/sessions';
import { KraContact } from './sync/contact';
import { syncHandlers, syncStatus, type UnsignedQueue } from './sync/handlers';
import { systemHandlers } from './system/handlers';

export interface KraSettings {
  mode: KraMode;
}

export interface AppOptions {
  dataDir: string;
  migrationsFolder: string;
  clock?: Clock;
  kra?: KraSettings;
  version?: string;
  lockout?: LockoutPolicy;
  offlineLimitSeconds?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface App {
  dispatch: Dispatch;
  events: AppEvents;
  close(): Promise<void>;
}

export const DEFAULT_OFFLINE_LIMIT_SECONDS = 24 * 60 * 60;

export function createApp(options: AppOptions): App {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const mode = options.kra?.mode ?? 'demo';
  const db = openLedger(options.dataDir, options.migrationsFolder);
  const pinSalt = ensurePinSalt(db);
  if (mode === 'demo') seedDemoUsers(db, pinSalt, clock.now());

  const events = new AppEvents();
  const sessions = new Sessions(clock, options.lockout);
  const contact = new KraContact(db, clock);
  const queue: UnsignedQueue = { depth: () => 0, oldestCommittedAt: () => null };
  const status = () =>
    syncStatus({
      clock,
      contact,
      queue,
      offlineLimitSeconds: options.offlineLimitSeconds ?? DEFAULT_OFFLINE_LIMIT_SECONDS,
    });

  const handlers: AllHandlers = {
    ...systemHandlers({ clock, version: options.version ?? '0.0.0', mode }),
    ...sessionHandlers({ db, clock, sessions, pinSalt }),
    ...syncHandlers(status),
  };

  return {
    dispatch: createDispatch({ handlers, sessions, onInternalError: (method, e) => log(`${method} failed`, e) }),
    events,
    close: async () => {
      db.$client.close();
    },
  };
}

function ensurePinSalt(db: ReturnType<typeof openLedger>): string {
  const existing = readSetting(db, 'security.pinSalt');
  if (existing) return existing;
  const salt = newPinSalt();
  writeSetting(db, 'security.pinSalt', salt);
  return salt;
}
