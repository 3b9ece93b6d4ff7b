import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { createApp } from '../../../src-main/app';
import { withOpenShift } from '../../support/shift';
import { projectPaths } from '../../../src-main/paths';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';

/** A KRA that takes the connection and never says a word. */
function silentServer(): Promise<{ server: Server; url: string; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, sockets, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/etims-api/` })),
  );
}

describe('starting up', () => {
  let sim: SimulatorProcess;
  const dir = tempDir();
  before(async () => {
    sim = await launchSimulator({ seed: 'startup' });
  });
  after(async () => {
    await sim.stop();
    dir.cleanup();
  });

  test('a registered till sells at once even when KRA hangs at start-up, and says it is offline', async () => {
    const first = createApp({ dataDir: dir.path, migrationsFolder: projectPaths.migrations, kra: { mode: 'demo', baseUrl: sim.directBase }, log: () => {} });
    await first.ready;
    await first.close();

    const silent = await silentServer();
    const app = withOpenShift(createApp({
      dataDir: dir.path,
      migrationsFolder: projectPaths.migrations,
      // KRA's silence outlasts the test: a till that waited for an answer or a timeout would fail below.
      kra: { mode: 'demo', baseUrl: silent.url, timeoutsMs: { write: 60_000, read: 60_000, bulkRead: 60_000 } },
      log: () => {},
    }));
    try {
      await app.ready;
      const login = await app.dispatch('session.login', { pin: '1234' }, null);
      assert.ok(login.ok);
      const token = (login.value as { token: string }).token;
      await waitFor('the till to ask the silent KRA', () => silent.sockets.size > 0);
      const sale = await app.dispatch('sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash', amount: 20_000 }] }, token);
      assert.ok(sale.ok, JSON.stringify(sale));
      assert.equal((sale.value as { status: string }).status, 'provisional');
      const asked = await app.dispatch('sync.status', {}, token);
      assert.equal(asked.ok && (asked.value as { lastError: unknown }).lastError, null, 'ready and selling while the question to KRA is still open');
      await waitFor('the till to say KRA is offline', async () => {
        const status = await app.dispatch('sync.status', {}, token);
        return status.ok && (status.value as { state: string; queueDepth: number }).state === 'offline';
      });
    } finally {
      await app.close();
      for (const socket of silent.sockets) socket.destroy();
      silent.server.close();
    }
  });
});
