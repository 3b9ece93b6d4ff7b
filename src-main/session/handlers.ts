import { ApiError } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { sessionOf, type Handlers } from '../api/handlers';
import { appendAudit } from '../ledger/audit';
import type { LedgerDb } from '../ledger/open';
import { findActiveUserByPinHash } from '../ledger/users';
import { hashPin } from '../security/pin';
import type { Sessions } from './sessions';

export function sessionHandlers(deps: {
  db: LedgerDb;
  clock: Clock;
  sessions: Sessions;
  pinSalt: string;
}): Handlers<'session.login' | 'session.logout'> {
  const { db, clock, sessions } = deps;
  return {
    'session.login': ({ pin }) => {
      sessions.assertNotLocked();
      const user = findActiveUserByPinHash(db, hashPin(pin, deps.pinSalt));
      if (!user) {
        sessions.recordFailure();
        appendAudit(db, { at: clock.now(), userId: null, action: 'session.login.failed' });
        throw new ApiError('WRONG_PIN', 'wrong PIN');
      }
      const session = sessions.open({ id: user.id, name: user.name, role: user.role });
      appendAudit(db, { at: clock.now(), userId: user.id, action: 'session.login' });
      return { token: session.token, user: session.user };
    },
    'session.logout': (_input, ctx) => {
      const session = sessionOf(ctx);
      sessions.close(session.token);
      appendAudit(db, { at: clock.now(), userId: session.user.id, action: 'session.logout' });
      return { loggedOut: true };
    },
  };
}
