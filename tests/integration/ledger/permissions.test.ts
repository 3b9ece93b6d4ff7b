import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LEDGER_FILE } from '../../../src-main/ledger/open';
import { startTestApp } from '../../support/app';

describe('the data folder', () => {
  it('is the owner\'s only, with the ledger and its -wal and -shm files, whatever the umask', async () => {
    const previous = process.umask(0o000);
    const app = startTestApp();
    try {
      await app.call('session.login', { pin: '1234' });
      const files = [LEDGER_FILE, `${LEDGER_FILE}-wal`, `${LEDGER_FILE}-shm`].map((name) => join(app.dataDir, name));
      assert.ok(files.every((file) => existsSync(file)), 'the ledger runs in WAL mode');
      assert.equal(statSync(app.dataDir).mode & 0o777, 0o700);
      for (const file of files) assert.equal(statSync(file).mode & 0o777, 0o600, file);
    } finally {
      process.umask(previous);
      await app.dispose();
    }
  });
});
