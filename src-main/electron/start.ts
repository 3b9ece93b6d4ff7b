/**
 * `npm start`: the desktop app. Where Electron's binary cannot be had (as on build machines that
 * skip its download), says so in one line and serves the same till through the headless host.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectPaths } from '../paths';

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(script: string): void {
  const result = spawnSync('npm', ['run', script], { cwd: projectPaths.root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(projectPaths.renderer, 'index.html'))) run('build:renderer');

const binary = electronBinary();
if (binary) {
  run('build:electron');
  const child = spawn(binary, [join(projectPaths.root, 'dist', 'electron', 'main.cjs')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log("Electron's binary is not installed on this machine, so Mauzo is serving the same till through the headless host instead.");
  await import('../host/cli');
}
