// The KRA OSCU simulator as its own process:
//   npm run kra-sim -- [--port N] [--profile direct|gateway] [--state FILE] [--seed S]
// Prints one line, "KRA simulator at http://127.0.0.1:PORT", once it listens.
import { parseArgs } from 'node:util';
import { systemClock } from '../../src-shared/clock';
import { readyLine } from './protocol';
import { createSimServer } from './server';
import { Simulator } from './simulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    profile: { type: 'string', default: 'direct' },
    state: { type: 'string' },
    seed: { type: 'string', default: 'mauzo' },
    'exit-with-parent': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number (0 picks a free one), not ${values.port}`);
if (values.profile !== 'direct' && values.profile !== 'gateway') fail(`--profile must be direct or gateway, not ${values.profile}`);

const sim = new Simulator({ profile: values.profile, seed: values.seed, stateFile: values.state ?? null, clock: systemClock });
const server = createSimServer(sim);

server.listen(port, '127.0.0.1', () => {
  const { port: bound } = server.address() as { port: number };
  process.stdout.write(`${readyLine(`http://127.0.0.1:${bound}`)}\n`);
});
server.on('error', (error) => fail(error.message));

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  sim.close();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (values['exit-with-parent']) {
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}

function fail(message: string): never {
  process.stderr.write(`kra-sim: ${message}\n`);
  process.exit(2);
}
