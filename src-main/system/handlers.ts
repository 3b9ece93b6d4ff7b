import type { KraMode } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import type { Handlers } from '../api/handlers';

export function systemHandlers(deps: { clock: Clock; version: string; mode: KraMode }): Handlers<'system.health'> {
  return {
    'system.health': () => ({
      status: 'ok',
      version: deps.version,
      mode: deps.mode,
      time: deps.clock.now().toISOString(),
    }),
  };
}
