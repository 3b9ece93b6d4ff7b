import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { projectPaths } from '../../../src-main/paths';
import { replayRequests } from '../../../src-main/conformance/replay';
import { findRequestFiles } from '../../../src-main/conformance/requests';
import { CONFORMANCE_DIR } from '../../support/conformance';
import { tempDir } from '../../support/temp';

describe('conformance: recorded payloads replayed against the simulator', () => {
  const dir = tempDir('mauzo-conformance-run-');
  after(() => dir.cleanup());

  test('the lenient simulator accepts every request Odoo recorded', async () => {
    const expected = findRequestFiles(CONFORMANCE_DIR).length;
    assert.ok(expected > 0, `request files under ${CONFORMANCE_DIR}`);
    const results = await replayRequests(CONFORMANCE_DIR);
    assert.equal(results.length, expected);
    assert.deepEqual(results.filter((r) => !r.ok), []);
  });

  test('the CLI prints a line per file and the totals, and exits non-zero on a failure', async () => {
    const requests = join(dir.path, 'peer', 'expected_requests');
    mkdirSync(requests, { recursive: true });
    writeFileSync(join(requests, 'get_branches.json'), JSON.stringify({ lastReqDt: '___ignore___' }));
    writeFileSync(join(requests, 'save_user.json'), JSON.stringify({ userId: 'u1', userNm: 'No password', useYn: 'Y', regrId: 'a', regrNm: 'A', modrId: 'a', modrNm: 'A' }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/conformance/cli.ts', dir.path], { cwd: projectPaths.root });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.deepEqual(stdout.trim().split('\n'), [
      'ok   peer/expected_requests/get_branches.json',
      'FAIL peer/expected_requests/save_user.json: saveBhfUser answered 910 Request parameter error[<pwd> : may not be empty]',
      '1 passed, 1 failed',
    ]);
    assert.equal(code, 1);
  });
});
