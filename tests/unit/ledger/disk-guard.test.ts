import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../../src-shared/api';
import { DiskGuard, isDiskFull } from '../../../src-main/ledger/disk';

const MB = 1024 * 1024;

describe('the data folder\'s free space', () => {
  let free = 500 * MB;
  let margin = 100;
  const guard = new DiskGuard({ folder: '/srv/mauzo', probe: () => free, marginMb: () => margin });

  test('says nothing while there is room beyond the store\'s margin', () => {
    assert.deepEqual(guard.alerts(), []);
    assert.doesNotThrow(() => guard.assertRoom());
  });

  test('warns below the margin, naming the folder and what is left, and the margin can be moved', () => {
    free = 60 * MB;
    assert.deepEqual(guard.alerts(), [
      { code: 'DISK_LOW', message: 'the disk holding /srv/mauzo is nearly full: 60 MB left', params: { folder: '/srv/mauzo', free: '60 MB', margin: '100 MB' } },
    ]);
    margin = 50;
    assert.deepEqual(guard.alerts(), []);
  });

  test('turns SQLite\'s SQLITE_FULL (and ENOSPC) into DISK_FULL, and refuses until the margin is free again', () => {
    assert.equal(guard.translate(new Error('constraint')), null);
    const full = guard.translate(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    assert.ok(full instanceof ApiError);
    assert.deepEqual([full.code, full.params], ['DISK_FULL', { folder: '/srv/mauzo', needed: '50 MB' }]);
    free = 10 * MB;
    assert.throws(() => guard.assertRoom(), { code: 'DISK_FULL' });
    assert.deepEqual(guard.alerts().map((a) => a.code), ['DISK_FULL']);
    free = 49 * MB;
    assert.throws(() => guard.assertRoom(), { code: 'DISK_FULL' });
    free = 51 * MB;
    assert.doesNotThrow(() => guard.assertRoom());
    assert.deepEqual(guard.alerts(), []);
  });

  test('knows a full disk by its codes', () => {
    assert.equal(isDiskFull({ code: 'ENOSPC' }), true);
    assert.equal(isDiskFull({ code: 'SQLITE_FULL' }), true);
    assert.equal(isDiskFull({ code: 'SQLITE_IOERR_WRITE' }), false);
    assert.equal(isDiskFull(null), false);
  });
});
