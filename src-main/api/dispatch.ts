import type { ApiErrorBody, ApiResult, MethodName } from '../../src-shared/api';
import { ApiError, api, isMethodName, roleAllows } from '../../src-shared/api';
import type { Sessions } from '../session/sessions';
import type { AllHandlers, HandlerContext } from './handlers';

/**
 * `source` says where the call came from (the desktop window, an address on loopback): wrong PINs
 * are counted against it.
 */
export type Dispatch = (method: string, input: unknown, token: string | null, source?: string) => Promise<ApiResult<unknown>>;

/** Calls the till makes on its own, which must not keep an idle session alive. */
const BACKGROUND_METHODS: ReadonlySet<MethodName> = new Set(['sync.status']);

/**
 * The one way into the engine: method name -> session and role check -> input schema -> handler.
 * Never throws: every failure comes back as an error body with a code, and nothing has changed.
 */
export function createDispatch(deps: {
  handlers: AllHandlers;
  sessions: Sessions;
  onInternalError: (method: string, error: unknown) => void;
  /** Gives a failure from below the handlers (a full disk) its own code instead of INTERNAL. */
  translateError?: (error: unknown) => ApiError | null;
}): Dispatch {
  return async (method, input, token, source = 'local') => {
    try {
      if (!isMethodName(method)) {
        throw new ApiError('UNKNOWN_METHOD', `unknown method "${method}"`, { params: { method } });
      }
      const ctx = authorise(method, token, deps.sessions, source);
      const value = await invoke(deps.handlers, method, parseInput(method, input), ctx);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toErrorBody(deps.translateError?.(error) ?? error, method, deps.onInternalError) };
    }
  };
}

function authorise(method: MethodName, token: string | null, sessions: Sessions, source: string): HandlerContext {
  const { access } = api[method];
  if (access === 'public') return { session: null, source };
  const session = sessions.find(token);
  if (!session) throw new ApiError('NOT_LOGGED_IN', `"${method}" needs a logged-in user`);
  if (!roleAllows(session.user.role, access)) {
    throw new ApiError('FORBIDDEN', `"${method}" needs the ${access} role`, { params: { role: access } });
  }
  if (!BACKGROUND_METHODS.has(method)) sessions.touch(session);
  return { session, source };
}

function parseInput(method: MethodName, input: unknown): unknown {
  const parsed = api[method].input.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'input';
  const reason = issue?.message ?? 'invalid';
  throw new ApiError('INVALID_INPUT', `${field}: ${reason}`, { field, params: { field, reason } });
}

function invoke(handlers: AllHandlers, method: MethodName, input: unknown, ctx: HandlerContext): Promise<unknown> {
  const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => unknown;
  return Promise.resolve(handler(input, ctx));
}

function toErrorBody(error: unknown, method: string, onInternalError: (m: string, e: unknown) => void): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  onInternalError(method, error);
  return { code: 'INTERNAL', message: 'internal error' };
}
