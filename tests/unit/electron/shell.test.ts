import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BrowserWindowConstructorOptions } from 'electron';
import { exposeBridge } from '../../../src-main/electron/preload';
import { createMainWindow } from '../../../src-main/electron/window';
import { IPC_CALL, IPC_EVENT } from '../../../src-shared/api';

/** Just enough of Electron's BrowserWindow to see what the shell asks of it. */
class FakeBrowserWindow {
  static created: FakeBrowserWindow[] = [];
  loaded: string | null = null;
  openHandler: (() => { action: string }) | null = null;
  guards = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
  permissionRequest: ((contents: unknown, permission: string, grant: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((contents: unknown, permission: string) => boolean) | null = null;
  webContents = {
    setWindowOpenHandler: (handler: () => { action: string }) => (this.openHandler = handler),
    on: (name: string, guard: (event: { preventDefault(): void }, url: string) => void) => void this.guards.set(name, guard),
    session: {
      setPermissionRequestHandler: (handler: FakeBrowserWindow['permissionRequest']) => (this.permissionRequest = handler),
      setPermissionCheckHandler: (handler: FakeBrowserWindow['permissionCheck']) => (this.permissionCheck = handler),
    },
  };
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeBrowserWindow.created.push(this);
  }
  once(): void {}
  show(): void {}
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
}

describe('the Electron window', () => {
  const make = () => {
    createMainWindow({ BrowserWindow: FakeBrowserWindow as never }, { preload: '/app/preload.cjs', indexHtml: '/app/index.html' });
    return FakeBrowserWindow.created.at(-1)!;
  };

  it('isolates the renderer: context isolation and sandbox on, no Node integration', () => {
    const prefs = make().options.webPreferences!;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.preload, '/app/preload.cjs');
  });

  it('loads only the till, opens no new windows and refuses to navigate elsewhere', () => {
    const window = make();
    assert.equal(window.loaded, 'file:///app/index.html');
    assert.deepEqual(window.openHandler?.(), { action: 'deny' });
    let prevented = 0;
    const event = { preventDefault: () => void prevented++ };
    window.guards.get('will-navigate')?.(event, 'https://example.com/');
    window.guards.get('will-navigate')?.(event, 'file:///app/index.html');
    assert.equal(prevented, 1);
  });

  it('refuses every redirect off the till and every permission a page asks for', () => {
    const window = make();
    let prevented = 0;
    const event = { preventDefault: () => void prevented++ };
    const redirect = window.guards.get('will-redirect');
    assert.ok(redirect, 'a will-redirect guard is installed');
    redirect(event, 'https://evil.example/');
    redirect(event, 'file:///etc/passwd');
    redirect(event, 'file:///app/index.html');
    assert.equal(prevented, 2);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      window.permissionRequest?.(null, permission, (granted) => answers.push(granted));
      answers.push(window.permissionCheck?.(null, permission) ?? true);
    }
    assert.deepEqual(answers, Array(10).fill(false));
  });
});

describe('the preload bridge', () => {
  it('exposes exactly call and on as window.mauzo, routed over the two IPC channels', async () => {
    const exposed = new Map<string, Record<string, unknown>>();
    const invoked: unknown[][] = [];
    const listeners = new Map<string, (...args: unknown[]) => void>();
    exposeBridge(
      { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void exposed.set(key, api) } as never,
      {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, value: 'pong' });
        },
        on: (channel: string, listener: (...args: unknown[]) => void) => void listeners.set(channel, listener),
        removeListener: (channel: string) => void listeners.delete(channel),
      } as never,
    );
    assert.deepEqual([...exposed.keys()], ['mauzo']);
    const bridge = exposed.get('mauzo')!;
    assert.deepEqual(Object.keys(bridge).sort(), ['call', 'on']);

    const call = bridge.call as (m: string, i: unknown, t: string | null) => Promise<unknown>;
    assert.deepEqual(await call('system.health', {}, 'tok'), { ok: true, value: 'pong' });
    assert.deepEqual(invoked, [[IPC_CALL, 'system.health', {}, 'tok']]);

    const seen: unknown[] = [];
    const on = bridge.on as (e: string, h: (p: unknown) => void) => () => void;
    const off = on('sync.status', (payload) => seen.push(payload));
    listeners.get(IPC_EVENT)?.({}, 'sync.status', { state: 'online' });
    listeners.get(IPC_EVENT)?.({}, 'other.event', { ignored: true });
    assert.deepEqual(seen, [{ state: 'online' }]);
    off();
    assert.equal(listeners.has(IPC_EVENT), false);
  });
});
