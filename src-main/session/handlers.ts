import { ApiError } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { sessionOf, sourceOf, type Handlers } from '../api/handlers';
import { appendAudit } from '../ledger/audit';
import type { LedgerDb } from '../ledger/open';
import { setUserPin } from '../ledger/users';
import type { StaffPins } from './pins';
import type { Sessions } from './sessions';

export function sessionHandlers(deps: {
  db: LedgerDb;
  clock: Clock;
  sessions: Sessions;
  pins: StaffPins;
}): Handlers<'session.login' | 'session.logout' | 'session.changePin'> {
  const { db, clock, sessions, pins } = deps;
  return {
    'session.login': ({ pin }, ctx) => {
      let user;
      try {
        user = pins.login(pin, sourceOf(ctx));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'WRONG_PIN') {
          appendAudit(db, { at: clock.now(), userId: null, action: 'session.login.failed', detail: { source: sourceOf(ctx) } });
        }
        throw error;
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
    'session.changePin': ({ oldPin, newPin }, ctx) => {
      const { user } = sessionOf(ctx);
      pins.own(oldPin, sourceOf(ctx), user.id, 'oldPin');
      setUserPin(db, user.id, pins.fresh(newPin, sourceOf(ctx), user.id, user.id, 'newPin'));
      appendAudit(db, { at: clock.now(), userId: user.id, action: 'session.changePin' });
      return { changed: true };
    },
  };
}
