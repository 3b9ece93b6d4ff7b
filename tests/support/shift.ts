/**
 * A sale needs an open shift. Tests that sell through the api start from a till whose shift the demo
 * manager (PIN 9999) opened with an empty float (unless one is open already, on a till started again),
 * and sell on it as before.
 */
import type { App } from '../../src-main/app';

export const SHIFT_MANAGER_PIN = '9999';

type Dispatch = App['dispatch'];

export async function openShift(dispatch: Dispatch, float = 0): Promise<void> {
  const login = await dispatch('session.login', { pin: SHIFT_MANAGER_PIN }, null);
  if (!login.ok) throw new Error(`could not log in to open the shift: ${login.error.message}`);
  const { token } = login.value as { token: string };
  const current = await dispatch('shift.current', {}, token);
  if (current.ok && (current.value as { shift: unknown }).shift === null) {
    const opened = await dispatch('shift.open', { float }, token);
    if (!opened.ok) throw new Error(`could not open the shift: ${opened.error.message}`);
  }
  await dispatch('session.logout', {}, token);
}

/** The app with its shift open before any other call goes through. */
export function withOpenShift<T extends App>(app: T): T {
  const opened = openShift(app.dispatch);
  const dispatch: Dispatch = async (...args) => {
    await opened;
    return app.dispatch(...args);
  };
  return { ...app, dispatch };
}

/** The same over a host's HTTP api. */
export async function openShiftOver(url: string, float = 0): Promise<void> {
  await openShift(async (method, input, token) => {
    const response = await fetch(new URL(`api/${method}`, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input),
    });
    return (await response.json()) as Awaited<ReturnType<Dispatch>>;
  }, float);
}
