/**
 * How bytes reach a printer: raw TCP (port 9100) for network printers, a device file for USB and
 * serial printers, or the system's print command (`lp`) fed a PDF. Each failure says what to check.
 */
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { connect } from 'node:net';

export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'device'; path: string }
  | { kind: 'system'; name: string };

export interface PrinterTransport {
  /** ESC/POS printers take receipt bytes and drawer kicks; the system printer takes a PDF. */
  accepts: 'escpos' | 'pdf';
  send(bytes: Buffer): Promise<void>;
}

export type PrinterFactory = (target: PrinterTarget) => PrinterTransport;

export const RAW_PRINT_PORT = 9100;

export function describeTarget(target: PrinterTarget): string {
  if (target.kind === 'tcp') return `tcp:${target.host}:${target.port}`;
  if (target.kind === 'device') return `device:${target.path}`;
  return `system:${target.name || 'default'}`;
}

export interface FactoryOptions {
  /** How long a printer may take to accept a job. */
  timeoutMs?: number;
  /** The command that prints a PDF read from its standard input, e.g. `['lp', '-d', name]`. */
  systemCommand: (printerName: string) => readonly string[];
}

export function createPrinterFactory(options: FactoryOptions): PrinterFactory {
  const timeoutMs = options.timeoutMs ?? 5000;
  return (target) => {
    if (target.kind === 'tcp') return { accepts: 'escpos', send: (bytes) => sendTcp(target.host, target.port, bytes, timeoutMs) };
    if (target.kind === 'device') return { accepts: 'escpos', send: (bytes) => writeDevice(target.path, bytes, timeoutMs) };
    return { accepts: 'pdf', send: (pdf) => runPrintCommand(options.systemCommand(target.name), pdf, timeoutMs) };
  };
}

/** `lp`'s usual form: the named printer, or the default one when the name is empty. */
export function lpCommand(printerName: string): string[] {
  return printerName ? ['lp', '-d', printerName] : ['lp'];
}

/** Connects, writes everything, half-closes; done once the bytes have left (as `nc` does). */
export function sendTcp(host: string, port: number, bytes: Buffer, timeoutMs: number): Promise<void> {
  const where = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`the printer at ${where} did not answer within ${timeoutMs} ms`)));
    socket.on('error', (error: NodeJS.ErrnoException) => reject(new Error(tcpProblem(error, where))));
    socket.once('connect', () =>
      socket.end(bytes, () => {
        resolve();
        socket.setTimeout(timeoutMs, () => socket.destroy());
      }),
    );
    socket.on('data', () => undefined);
  });
}

function tcpProblem(error: NodeJS.ErrnoException, where: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `the printer at ${where} refused the connection: is it switched on, and is the address right?`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return `cannot reach the printer at ${where}: check its network cable or Wi-Fi`;
    case 'ENOTFOUND':
      return `no printer is known by the name ${where}: check the address`;
    default:
      return `the printer at ${where} failed: ${error.message}`;
  }
}

export async function writeDevice(path: string, bytes: Buffer, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the printer at ${path} did not take the job within ${timeoutMs} ms: is it out of paper or offline?`)), timeoutMs);
  });
  try {
    await Promise.race([appendTo(path, bytes), timeout]);
  } catch (error) {
    throw new Error(deviceProblem(error as NodeJS.ErrnoException, path), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function appendTo(path: string, bytes: Buffer): Promise<void> {
  const file = await open(path, 'a');
  try {
    await file.write(bytes);
  } finally {
    await file.close();
  }
}

function deviceProblem(error: NodeJS.ErrnoException, path: string): string {
  switch (error.code) {
    case 'ENOENT':
      return `there is no printer at ${path}: is it plugged in and switched on?`;
    case 'EACCES':
    case 'EPERM':
      return `no permission to write to ${path}: add this user to the printer's group (lp or dialout)`;
    case 'EBUSY':
      return `${path} is busy: another program is using the printer`;
    default:
      return error.message;
  }
}

export function runPrintCommand(command: readonly string[], pdf: Buffer, timeoutMs: number): Promise<void> {
  const [program, ...args] = command;
  if (!program) return Promise.reject(new Error('no print command is configured'));
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${program} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on('error', () => undefined);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(error.code === 'ENOENT' ? `the print command ${program} is not installed` : error.message));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${program} failed (exit ${code}): ${stderr.trim() || 'no message'}`));
    });
    child.stdin.end(pdf);
  });
}
