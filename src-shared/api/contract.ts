/**
 * THE contract between the till (renderer) and the engine (main). Every user action is one method
 * here; the IPC bridge, the HTTP host and the renderer's client all derive from this table.
 */
import { z } from 'zod';
import type { ErrorCode } from './errors';
import type { Access, Role } from './roles';

export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  access: Access;
  /** Business errors this method may return besides the transport-level ones. */
  errors: readonly ErrorCode[];
  /** Phantom: carries the output type; never read at run time. */
  output?: O;
}

function method<O>() {
  return <I extends z.ZodType>(def: Omit<MethodDef<I, O>, 'output'>): MethodDef<I, O> => def;
}

const none = z.object({}).strict();

export interface UserSummary {
  id: number;
  name: string;
  role: Role;
}

export type KraMode = 'demo' | 'sandbox' | 'production';

export interface Health {
  status: 'ok';
  version: string;
  mode: KraMode;
  time: string;
}

export type SyncState = 'online' | 'offline' | 'blocked';

export interface SyncStatus {
  state: SyncState;
  /** Sales committed locally that KRA has not signed yet. */
  queueDepth: number;
  oldestUnsignedAgeSeconds: number | null;
  lastContactAt: string | null;
  /** Seconds left before the watchdog refuses new invoices; null while online. */
  secondsUntilBlock: number | null;
  lastError: { code: string; message: string } | null;
}

export const api = {
  'system.health': method<Health>()({ input: none, access: 'public', errors: [] }),
  'session.login': method<{ token: string; user: UserSummary }>()({
    input: z
      .object({ pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits') })
      .strict(),
    access: 'public',
    errors: ['WRONG_PIN', 'PIN_LOCKED'],
  }),
  'session.logout': method<{ loggedOut: true }>()({ input: none, access: 'cashier', errors: [] }),
  'sync.status': method<SyncStatus>()({ input: none, access: 'cashier', errors: [] }),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type InputOf<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Api[M]['input']>;
export type OutputOf<M extends MethodName> = NonNullable<Api[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}
