import { useEffect, useReducer, useState } from 'react';
import type { UserSummary } from '../src-shared/api';
import type { ApiClient } from './api/client';
import { StatusBar } from './components/StatusBar';
import { useI18n } from './i18n';
import { useSyncStatus } from './hooks';
import { LoginScreen } from './screens/LoginScreen';
import { TillScreen } from './screens/TillScreen';
import { cartReducer, emptyCart } from './till/cart';

/** The cart lives here, above whoever is logged in, so switching user keeps it. */
export function App({ api }: { api: ApiClient }) {
  const { describeError } = useI18n();
  const [user, setUser] = useState<UserSummary | null>(null);
  const [loggedOutWhy, setLoggedOutWhy] = useState<string | null>(null);
  const [cart, dispatch] = useReducer(cartReducer, emptyCart);
  const sync = useSyncStatus(api, user !== null);

  useEffect(() => {
    api.onSessionLost((error) => {
      api.setToken(null);
      setUser(null);
      setLoggedOutWhy(describeError(error));
    });
  }, [api, describeError]);

  const onLogin = (token: string, loggedIn: UserSummary) => {
    api.setToken(token);
    setUser(loggedIn);
    setLoggedOutWhy(null);
  };
  const onLogout = async () => {
    await api.call('session.logout', {}).catch(() => undefined);
    api.setToken(null);
    setUser(null);
  };

  return (
    <div className="app">
      <main className="app-main">
        {user ? (
          <TillScreen api={api} user={user} cart={cart} dispatch={dispatch} sync={sync} onLogout={onLogout} />
        ) : (
          <LoginScreen api={api} onLogin={onLogin} keptLines={cart.lines.length} why={loggedOutWhy} />
        )}
      </main>
      {user && <StatusBar status={sync.status} api={api} user={user} onChanged={sync.refresh} />}
    </div>
  );
}
