import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { launchSimulator } from '../../../src-main/kra-sim/launch';
import { projectPaths } from '../../../src-main/paths';

describe('the desktop build', () => {
  it('bundles the KRA simulator so a packaged app, which has no TypeScript sources, can start it in demo mode', async () => {
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/electron/build.ts'], { cwd: projectPaths.root, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    assert.doesNotMatch(build.stderr, /warning/i);
    const sim = await launchSimulator({ entry: join(projectPaths.root, 'dist', 'kra-sim', 'cli.mjs'), seed: 'bundle' });
    try {
      const init = await fetch(`${sim.directBase}selectInitOsdcInfo`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ tin: 'P051234567M', bhfId: '00', dvcSrlNo: 'MAUZO-DEMO-0001' }),
      });
      assert.equal(((await init.json()) as { resultCd: string }).resultCd, '000');
    } finally {
      await sim.stop();
    }
  });
});
