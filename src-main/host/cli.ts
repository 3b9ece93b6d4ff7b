/**
 * `npm run serve -- [--port N] [--data DIR] [--kra-url URL] [--offline-limit-hours H] [--clock-tolerance-minutes M]
 * [--idle-minutes M] [--restore FILE]`: the headless host on 127.0.0.1.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp, type App } from '../app';
import { projectPaths } from '../paths';
import { startHost } from './server';
import { testClockFromFlags } from './test-clock';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    data: { type: 'string', default: join(homedir(), '.mauzo') },
    /** KRA's (or a simulator's) OSCU base URL; without it demo mode starts its own simulator. */
    'kra-url': { type: 'string' },
    /** The store's offline limit before new invoices are refused (default 24 hours). */
    'offline-limit-hours': { type: 'string' },
    /** How far the till's clock may stray from KRA's before sales are refused (default 5 minutes). */
    'clock-tolerance-minutes': { type: 'string' },
    /** Minutes a session may sit unused before the till asks for the PIN again (default 15). */
    'idle-minutes': { type: 'string' },
    /** A ledger backup to copy into a data folder whose ledger is missing or empty. */
    restore: { type: 'string' },
    /** Tests only, with MAUZO_TEST=1: POST /__test/clock { advanceMs } moves the engine's clock. */
    'test-clock': { type: 'boolean', default: false },
  },
});
const testClock = testClockFromFlags(values['test-clock'], process.env);

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  process.exit(2);
}

const offlineLimitHours = values['offline-limit-hours'] === undefined ? undefined : Number(values['offline-limit-hours']);
if (offlineLimitHours !== undefined && !(offlineLimitHours > 0)) {
  console.error(`--offline-limit-hours must be a positive number of hours, not "${values['offline-limit-hours']}"`);
  process.exit(2);
}

const toleranceMinutes = values['clock-tolerance-minutes'] === undefined ? undefined : Number(values['clock-tolerance-minutes']);
if (toleranceMinutes !== undefined && !(toleranceMinutes >= 0)) {
  console.error(`--clock-tolerance-minutes must be a number of minutes, 0 or more, not "${values['clock-tolerance-minutes']}"`);
  process.exit(2);
}

// Run from the built bundle (dist/host/cli.mjs) there are no TypeScript sources: demo mode starts the
// simulator's bundle, as the desktop app does.
const simulatorEntry = import.meta.url.endsWith('.mjs') ? join(projectPaths.root, 'dist', 'kra-sim', 'cli.mjs') : undefined;

const idleMinutes = values['idle-minutes'] === undefined ? undefined : Number(values['idle-minutes']);
if (idleMinutes !== undefined && !(Number.isInteger(idleMinutes) && idleMinutes >= 1)) {
  console.error(`--idle-minutes must be a whole number of minutes, 1 or more, not "${values['idle-minutes']}"`);
  process.exit(2);
}

/** Refusals to start are one line for the person starting the till, and a non-zero exit. */
function refuse(error: unknown): never {
  console.error(`Mauzo did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

let app: App;
try {
  app = createApp({
    dataDir: values.data,
    migrationsFolder: projectPaths.migrations,
    version: process.env.npm_package_version,
    kra: { mode: 'demo', ...(values['kra-url'] ? { baseUrl: values['kra-url'] } : simulatorEntry ? { simulatorEntry } : {}) },
    ...(offlineLimitHours === undefined ? {} : { offlineLimitSeconds: offlineLimitHours * 3600 }),
    ...(toleranceMinutes === undefined ? {} : { kraClockToleranceSeconds: toleranceMinutes * 60 }),
    ...(testClock ? { clock: testClock } : {}),
    ...(idleMinutes === undefined ? {} : { sessionIdleSeconds: idleMinutes * 60 }),
    ...(values.restore ? { restoreFrom: values.restore } : {}),
    // Nothing goes to KRA before this process holds both the data folder's lock and its port.
    deferSenders: true,
  });
} catch (error) {
  refuse(error);
}
await app.ready;
const host = await startHost({ app, port, rendererDir: projectPaths.renderer, ...(testClock ? { testClock } : {}) }).catch(async (error: unknown) => {
  await app.close();
  refuse(error);
});
app.startSenders();
console.log(`Mauzo till at ${host.url}`);
console.log(`data: ${values.data}`);

async function shutdown(): Promise<void> {
  await host.close();
  await app.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
