import type { MethodName, OutputOf, ParsedInputOf } from '../../src-shared/api';
import { ApiError } from '../../src-shared/api';
import type { Session } from '../session/sessions';

export interface HandlerContext {
  /** Null only for public methods; dispatch guarantees a session for every other method. */
  session: Session | null;
  /** Where the call came from (the desktop window, an address on loopback); dispatch always says. */
  source?: string;
}

export type Handler<M extends MethodName> = (
  input: ParsedInputOf<M>,
  ctx: HandlerContext,
) => OutputOf<M> | Promise<OutputOf<M>>;

/** A domain's share of the api: each domain folder exports one of these for its methods. */
export type Handlers<M extends MethodName> = { [K in M]: Handler<K> };

export type AllHandlers = Handlers<MethodName>;

export function sessionOf(ctx: HandlerContext): Session {
  if (!ctx.session) throw new ApiError('NOT_LOGGED_IN', 'log in first');
  return ctx.session;
}

/** Where a call came from, for counting wrong PINs against it. */
export function sourceOf(ctx: HandlerContext): string {
  return ctx.source ?? 'local';
}
