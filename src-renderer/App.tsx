import { useState } from 'react';
import type { UserSummary } from '../src-shared/api';
import type { ApiClient } from './api/client';
import { StatusBar } from './components/StatusBar';
import { LoginScreen } from './screens/LoginScreen';
import { TillScreen } from './screens/TillScreen';

export function App({ api }: { api: ApiClient }) {
  const [user, setUser] = useState<UserSummary | null>(null);

  const onLogin = (token: string, loggedIn: UserSummary) => {
    api.setToken(token);
    setUser(loggedIn);
  };
  const onLogout = async () => {
    await api.call('session.logout', {});
    api.setToken(null);
    setUser(null);
  };

  return (
    <div className="app">
      <main className="app-main">
        {user ? <TillScreen user={user} onLogout={onLogout} /> : <LoginScreen api={api} onLogin={onLogin} />}
      </main>
      {user && <StatusBar api={api} />}
    </div>
  );
}
