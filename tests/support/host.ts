import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { projectPaths } from '../../src-main/paths';
import { openShiftOver } from './shift';

export interface HostProcess {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `npm run serve` as its own process (through tsx, as the script does) and waits for its URL. */
export async function spawnHost(args: string[], env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/host/cli.ts', '--port', '0', ...args], {
    cwd: projectPaths.root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in 90 s:\n${log}`)), 90_000);
    lines.on('line', (line) => {
      log += `${line}\n`;
      const match = /^Mauzo till at (http:\/\/\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${log}`)));
  });
  await openShiftOver(url);
  return {
    url,
    process: child,
    output: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
