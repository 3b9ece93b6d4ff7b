// Start-up of the headless host from its built bundle (dist/host/cli.mjs: plain Node, as a packaged
// app runs it) with a 50,000-item catalogue, from the spawn to a cashier's first search answered,
// beside bare Node loading better-sqlite3 and opening the same ledger; and the host's resident
// memory then, beside the bare process's. Each start is a new process; the two take turns.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { launchSimulator } from '../../src-main/kra-sim/launch';
import { LEDGER_FILE } from '../../src-main/ledger/open';
import { projectPaths } from '../../src-main/paths';
import { tempDir } from '../support/temp';
import type { BenchSuite } from './run';
import { figure, summarise, type Figure } from './stats';
import { loadCatalogue } from './till.bench';

const ROUNDS = 7;
const HOST_BUNDLE = join(projectPaths.root, 'dist', 'host', 'cli.mjs');

/** What every start costs before any of Mauzo runs: Node, better-sqlite3, the ledger opened and its schema read. */
const BARE = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.prepare('SELECT code FROM items LIMIT 1').get();
console.log(JSON.stringify({ rss: process.memoryUsage().rss }));
`;

interface Start {
  ms: number;
  rssMb: number;
}

function spawnNode(args: string[]) {
  return spawn(process.execPath, args, { cwd: projectPaths.root, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The first stdout line matching `pattern`, or the process's exit as an error. */
function firstLine(child: ReturnType<typeof spawnNode>, pattern: RegExp): Promise<RegExpExecArray> {
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    lines.on('line', (line) => {
      log += `${line}\n`;
      const match = pattern.exec(line);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before "${pattern.source}":\n${log}`)));
  });
}

function exited(child: ReturnType<typeof spawnNode>): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
}

async function bareStart(ledgerFile: string): Promise<Start> {
  const started = performance.now();
  const child = spawnNode(['-e', BARE, ledgerFile]);
  const [line] = await firstLine(child, /^\{.*\}$/);
  const ms = performance.now() - started;
  await exited(child);
  return { ms, rssMb: (JSON.parse(line) as { rss: number }).rss / 1e6 };
}

async function api(url: string, method: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(new URL(`api/${method}`, url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const answer = (await response.json()) as { ok: boolean; value: unknown };
  if (!answer.ok) throw new Error(`${method} failed: ${JSON.stringify(answer)}`);
  return answer.value;
}

/** Resident memory of a running process, from /proc (Linux). */
function residentMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1e3;
}

/** Spawn to the first search answered: the till is usable (logged in, the catalogue searchable). */
async function hostStart(dataDir: string, kraUrl: string): Promise<Start> {
  const started = performance.now();
  const child = spawnNode([HOST_BUNDLE, '--port', '0', '--data', dataDir, '--kra-url', kraUrl]);
  try {
    const [, url] = await firstLine(child, /^Mauzo till at (http:\/\/\S+)$/);
    const { token } = (await api(url!, 'session.login', { pin: '1234' })) as { token: string };
    const found = (await api(url!, 'items.search', { query: 'kabras sugar' }, token)) as unknown[];
    const ms = performance.now() - started;
    if (found.length === 0) throw new Error('the first search found nothing');
    return { ms, rssMb: residentMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
}

export const suite: BenchSuite = {
  name: 'start-up: the host bundle with 50,000 items',
  async run() {
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/electron/build.ts'], { cwd: projectPaths.root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`the build failed:\n${build.stderr}`);
    const sim = await launchSimulator({ seed: 'bench-startup' });
    const data = tempDir('mauzo-bench-startup-');
    try {
      loadCatalogue(data.path);
      await hostStart(data.path, sim.directBase); // meets KRA once: the device is registered from then on
      const bare: Start[] = [];
      const host: Start[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        bare.push(await bareStart(join(data.path, LEDGER_FILE)));
        host.push(await hostStart(data.path, sim.directBase));
      }
      const time = (starts: Start[]) => summarise(starts.map((s) => s.ms));
      const memory = (starts: Start[]) => summarise(starts.map((s) => s.rssMb));
      const floor = (value: number) => ({ name: 'bare node + ledger', value });
      return [
        figure('spawn to first search answered, p50', time(host).p50, 'ms', { floor: floor(time(bare).p50), target: '<= 1.5 s, <= 3x' }),
        figure(`spawn to first search answered, max of ${ROUNDS}`, time(host).max, 'ms', { floor: floor(time(bare).max) }),
        figure('resident memory after the first search, max', memory(host).max, 'MB', { floor: floor(memory(bare).max), target: '<= 250 MB' }),
      ] satisfies Figure[];
    } finally {
      data.cleanup();
      await sim.stop();
    }
  },
};
