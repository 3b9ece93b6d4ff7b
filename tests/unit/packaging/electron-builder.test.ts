import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRequire } from 'node:module';
import { projectPaths } from '../../../src-main/paths';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, path: string | null, options: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => unknown };
// electron-builder logs to stdout, which Node's test runner reserves for its own protocol.
(require('builder-util/out/log') as { log: { stream: NodeJS.WritableStream } }).log.stream = process.stderr;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation and packs what the app needs at run time", async () => {
    const config = await getConfig(projectPaths.root, 'electron-builder.yml', null);
    await validateConfiguration(config, new DebugLogger(false));
    assert.deepEqual(config.files, [{ filter: ['dist/**', 'migrations/**', 'package.json', '!**/*.map'] }]);
    assert.deepEqual(config.extraMetadata, { main: 'dist/electron/main.cjs' });
    assert.deepEqual(config.asarUnpack, ['**/*.node']);
  });

  it('rejects a configuration with an unknown key (so the check above can fail)', async () => {
    const config = await getConfig(projectPaths.root, 'electron-builder.yml', null);
    await assert.rejects(validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false)));
  });
});
