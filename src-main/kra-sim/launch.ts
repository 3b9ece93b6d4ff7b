/**
 * Starts the KRA simulator as its own process and talks to its admin endpoints. The only module of
 * kra-sim the app may import: the simulator's server never runs inside the app's process.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Profile } from '../../src-shared/etims/endpoints';
import { ADMIN, READY_LINE, type AcceptedSale, type FaultSpec, type SimConfig, type SimConfigPatch, type SimStats } from './protocol';

export type { AcceptedSale, DuplicateReply, FaultKind, FaultSpec, InvoiceScope, SimConfig, SimConfigPatch, SimStats } from './protocol';

export interface LaunchOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Sets the default strictness: direct is lenient, gateway strict. Both path sets are served. */
  profile?: Profile;
  /** SQLite file that keeps KRA's state across restarts; none keeps it in memory. */
  stateFile?: string;
  /** Seeds signatures, device keys and the faults' random draws. */
  seed?: string;
  /**
   * The simulator bundled as one script (dist/kra-sim/cli.mjs), run by this same executable: what a
   * packaged app does, having no TypeScript sources. Without it the sources run through tsx.
   */
  entry?: string;
}

export interface SimAdmin {
  /** Back to the seeded state: devices uninitialised, no sales, faults cleared, real clock, profile defaults. */
  reset(): Promise<void>;
  /** Pins the simulator's clock at this instant (it stays there until moved). */
  setClock(now: Date): Promise<void>;
  advanceClock(ms: number): Promise<void>;
  now(): Promise<Date>;
  setConfig(partial: SimConfigPatch): Promise<SimConfig>;
  config(): Promise<SimConfig>;
  addFault(fault: FaultSpec): Promise<{ id: string }>;
  removeFault(id: string): Promise<void>;
  clearFaults(): Promise<void>;
  /** Sales KRA accepted for the taxpayer (and branch), in order of acceptance. */
  sales(tin: string, bhfId?: string): Promise<AcceptedSale[]>;
  registerDevice(tin: string, bhfId: string, dvcSrlNo: string): Promise<void>;
  stats(): Promise<SimStats>;
}

export interface SimulatorProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/etims-api/' */
  directBase: string;
  /** url + '/etims-oscu/api/v1/' */
  gatewayBase: string;
  admin: SimAdmin;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
  /** SIGKILL, at once. */
  kill(): void;
  pid: number;
}

const STARTUP_TIMEOUT_MS = 30_000;

export function launchSimulator(options: LaunchOptions = {}): Promise<SimulatorProcess> {
  const root = options.entry ? process.cwd() : fileURLToPath(new URL('../..', import.meta.url));
  const program = options.entry ? [options.entry] : ['--import', 'tsx', 'src-main/kra-sim/cli.ts'];
  const args = [...program, '--port', String(options.port ?? 0), '--exit-with-parent'];
  if (options.profile) args.push('--profile', options.profile);
  if (options.stateFile) args.push('--state', options.stateFile);
  if (options.seed) args.push('--seed', options.seed);
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    let settled = false;
    let stdout = '';
    let stderr = '';
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`the KRA simulator did not start: ${why}${stderr ? `\n${stderr}` : ''}`));
    };
    const started = (url: string) => {
      settled = true;
      clearTimeout(timer);
      child.stdout.off('data', onStdout);
      child.stdout.resume();
      child.stderr.off('data', onStderr);
      child.stderr.pipe(process.stderr);
      resolve({
        url,
        directBase: `${url}/etims-api/`,
        gatewayBase: `${url}/etims-oscu/api/v1/`,
        admin: simAdmin(url),
        pid: child.pid!,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
        kill: () => {
          child.kill('SIGKILL');
        },
      });
    };
    const onStderr = (chunk: Buffer) => {
      stderr += chunk.toString();
    };
    const onStdout = (chunk: Buffer) => {
      stdout += chunk.toString();
      const lines = stdout.split('\n');
      stdout = lines.pop() ?? '';
      const url = lines.map((line) => READY_LINE.exec(line.trim())?.[1]).find(Boolean);
      if (url) started(url);
    };
    const timer = setTimeout(() => fail(`no URL line within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? code})`));
    child.stderr.on('data', onStderr);
    child.stdout.on('data', onStdout);
  });
}

/** A client for the admin endpoints of a simulator already listening at `url`. */
export function simAdmin(url: string): SimAdmin {
  const call = async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${ADMIN}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator admin ${method} ${path}: HTTP ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    reset: () => call('POST', 'reset'),
    setClock: (now) => call('POST', 'clock', { now: now.toISOString() }),
    advanceClock: (ms) => call('POST', 'clock', { advanceMs: ms }),
    now: async () => new Date((await call<{ now: string }>('GET', 'clock')).now),
    setConfig: (partial) => call('POST', 'config', partial),
    config: () => call('GET', 'config'),
    addFault: (fault) => call('POST', 'faults', fault),
    removeFault: (id) => call('DELETE', `faults/${encodeURIComponent(id)}`),
    clearFaults: () => call('DELETE', 'faults'),
    sales: (tin, bhfId) => call('GET', `sales?${new URLSearchParams({ tin, ...(bhfId ? { bhfId } : {}) }).toString()}`),
    registerDevice: (tin, bhfId, dvcSrlNo) => call('POST', 'devices', { tin, bhfId, dvcSrlNo }),
    stats: () => call('GET', 'stats'),
  };
}
