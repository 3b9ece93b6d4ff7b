import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { projectPaths } from '../../../src-main/paths';
import { replayRequests } from '../../../src-main/conformance/replay';
import { findRequestFiles } from '../../../src-main/conformance/requests';
import { loadExceptions } from '../../../src-main/conformance/exceptions';
import { CONFORMANCE_DIR, KRA_SAMPLES_DIR } from '../../support/conformance';
import { tempDir } from '../../support/temp';

async function runCli(folder: string): Promise<{ stdout: string; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/conformance/cli.ts', folder], { cwd: projectPaths.root });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { stdout, code };
}

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

  test('KRA’s own samples pass, but for the listed exceptions, each naming the spec rule the sample breaks', async () => {
    const { stdout, code } = await runCli(KRA_SAMPLES_DIR);
    const lines = stdout.trim().split('\n');
    assert.deepEqual(lines.filter((l) => l.startsWith('FAIL')), []);
    const known = lines.filter((l) => l.startsWith('known'));
    assert.equal(known.length, loadExceptions().length);
    assert.ok(known.every((l) => /\[exception: spec \d+\.\d+/.test(l)), known.join('\n'));
    assert.match(lines.at(-1)!, /^\d+ passed, 0 failed, 4 known exceptions/);
    assert.equal(code, 0);
  });

  test('a run on a sub-folder finds INDEX.md above it', async () => {
    const { stdout, code } = await runCli(join(KRA_SAMPLES_DIR, 'upande-etims'));
    assert.deepEqual(stdout.trim().split('\n').at(-1), '5 passed, 0 failed');
    assert.equal(code, 0);
  });

  test('the CLI prints a line per file and the totals, and exits non-zero on a failure', async () => {
    const requests = join(dir.path, 'peer', 'expected_requests');
    mkdirSync(requests, { recursive: true });
    writeFileSync(join(requests, 'get_branches.json'), JSON.stringify({ lastReqDt: '___ignore___' }));
    writeFileSync(join(requests, 'save_user.json'), JSON.stringify({ userId: 'u1', userNm: 'No password', useYn: 'Y', regrId: 'a', regrNm: 'A', modrId: 'a', modrNm: 'A' }));
    const { stdout, code } = await runCli(dir.path);
    assert.deepEqual(stdout.trim().split('\n'), [
      'ok   peer/expected_requests/get_branches.json',
      'FAIL peer/expected_requests/save_user.json: saveBhfUser answered 910 Request parameter error[<pwd> : may not be empty]',
      '1 passed, 1 failed',
    ]);
    assert.equal(code, 1);
  });

  test('fills tin, bhfId and cmcKey in bodies, reads envelopes INDEX.md marks as the gateway\'s HTTP 400, and goes on past a bad file', async () => {
    const corpus = join(dir.path, 'gateway-peer');
    mkdirSync(join(corpus, 'peer', 'expected_requests'), { recursive: true });
    mkdirSync(join(corpus, 'peer', 'mocked_responses'), { recursive: true });
    const ignored = '___ignore___';
    const insurance = { tin: ignored, bhfId: ignored, cmcKey: ignored, isrccCd: 'ISRCC01', isrccNm: 'Insurer', isrcRt: 20, useYn: 'Y', regrId: 'a', regrNm: 'A', modrId: 'a', modrNm: 'A' };
    writeFileSync(join(corpus, 'peer', 'expected_requests', 'save_insurance.json'), JSON.stringify(insurance));
    writeFileSync(join(corpus, 'peer', 'expected_requests', 'list.json'), '[]');
    const envelope = (responseCode: number, customerMessage: string | null) => JSON.stringify({ responseHeader: { responseCode, responseRefID: 'r', customerMessage, debugMessage: null }, responseBody: null });
    writeFileSync(join(corpus, 'peer', 'mocked_responses', 'refused.json'), envelope(400, 'Invalid itemCd'));
    writeFileSync(join(corpus, 'peer', 'mocked_responses', 'try_again.json'), envelope(400, 'Unable to process the request. Please try again later'));
    writeFileSync(join(corpus, 'peer', 'mocked_responses', 'garbled.json'), envelope(200, null));
    writeFileSync(join(corpus, 'INDEX.md'), [
      '## peer/mocked_responses (recorded on the gateway)',
      '',
      'refused.json      saveItem, gateway HTTP 400 envelope: a refusal.',
      'try_again.json    saveTrnsSalesOsdc, gateway HTTP 400 envelope: the gateway\'s own fault.',
      'garbled.json      saveItem, gateway HTTP 400 envelope without its status.',
      '',
    ].join('\n'));
    const { stdout, code } = await runCli(corpus);
    assert.deepEqual(stdout.trim().split('\n'), [
      'FAIL peer/expected_requests/list.json: not a JSON object',
      'ok   peer/expected_requests/save_insurance.json',
      'FAIL peer/mocked_responses/garbled.json: read as saveItem: gateway 200 with no responseBody',
      'ok   peer/mocked_responses/refused.json',
      'ok   peer/mocked_responses/try_again.json',
      '3 passed, 2 failed',
    ]);
    assert.equal(code, 1);
  });
});
