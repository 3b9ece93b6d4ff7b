/**
 * How bytes reach a printer: raw TCP (port 9100) for network printers, a device file for USB and
 * serial printers, or the system's print command (`lp`) fed a PDF. Each failure says what to check.
 * A printer setting must never become a way to write files or reach the internet: a device is an
 * existing character device under /dev, opened without creating anything, and a network printer is
 * a host of the shop's own network on port 9100 unless a manager allowed any address.
 */
import { spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { BlockList, connect, isIP } from 'node:net';
import type { ErrorParams } from '../../src-shared/api';

export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number; anyNetwork: boolean }
  | { kind: 'device'; path: string }
  | { kind: 'system'; name: string };

/** A printer address this till will not use; `code` and `params` give the cashier's language its words. */
export class PrinterRefused extends Error {
  constructor(
    readonly code: 'PRINTER_PATH_REFUSED' | 'PRINTER_DEVICE_MISSING' | 'PRINTER_ADDRESS_REFUSED' | 'PRINTER_HOST_UNKNOWN',
    message: string,
    readonly params: ErrorParams,
  ) {
    super(message);
    this.name = 'PrinterRefused';
  }
}

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
    if (target.kind === 'tcp') {
      return { accepts: 'escpos', send: async (bytes) => sendTcp(await networkPrinterAddress(target), target.port, bytes, timeoutMs) };
    }
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

const SHOP_NETWORK = new BlockList();
for (const [network, prefix] of [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['127.0.0.0', 8], ['169.254.0.0', 16]] as const) {
  SHOP_NETWORK.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::1', 128], ['fe80::', 10], ['fc00::', 7]] as const) SHOP_NETWORK.addSubnet(network, prefix, 'ipv6');

/** Private ranges, loopback and link-local: the addresses a printer on the shop's own network has. */
export function isShopNetworkAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && SHOP_NETWORK.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The IP address to connect to: the host resolved once, so the address checked is the address used.
 * Without a manager's wider setting it must be on the shop's network and the port 9100.
 */
export async function networkPrinterAddress(target: { host: string; port: number; anyNetwork: boolean }): Promise<string> {
  const where = `${target.host}:${target.port}`;
  const address = isIP(target.host) ? target.host : await resolveHost(target.host, where);
  if (target.anyNetwork) return address;
  if (!isShopNetworkAddress(address)) {
    throw new PrinterRefused('PRINTER_ADDRESS_REFUSED', `${where} (${address}) is not on the shop's own network: a network printer has a local address such as 192.168.1.50`, { address: where, resolved: address, port: RAW_PRINT_PORT });
  }
  if (target.port !== RAW_PRINT_PORT) {
    throw new PrinterRefused('PRINTER_ADDRESS_REFUSED', `${where} is not on port ${RAW_PRINT_PORT}, the port receipt printers take jobs on`, { address: where, resolved: address, port: RAW_PRINT_PORT });
  }
  return address;
}

async function resolveHost(host: string, where: string): Promise<string> {
  try {
    return (await lookup(host)).address;
  } catch (error) {
    throw new PrinterRefused('PRINTER_HOST_UNKNOWN', tcpProblem(error as NodeJS.ErrnoException, where), { address: where });
  }
}

const WINDOWS_SERIAL = /^\\\\\.\\COM\d+$/;

/**
 * The real path of a USB or serial printer: symlinks and `..` resolved, then it must be an existing
 * character device under /dev (a Windows COM port is taken as named).
 */
export async function printerDevicePath(path: string): Promise<string> {
  if (WINDOWS_SERIAL.test(path)) return path;
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    throw new PrinterRefused('PRINTER_DEVICE_MISSING', deviceProblem(error as NodeJS.ErrnoException, path), { path });
  }
  if (!real.startsWith('/dev/')) throw notADevice(path, real);
  return real;
}

/**
 * Where a job for this target would go, checked as printing checks it, without sending anything:
 * the IP address, the device's real path, or the print command.
 */
export async function resolvePrinterTarget(target: PrinterTarget): Promise<string> {
  if (target.kind === 'tcp') return `${await networkPrinterAddress(target)}:${target.port}`;
  if (target.kind === 'system') return target.name || 'default';
  const real = await printerDevicePath(target.path);
  if (!WINDOWS_SERIAL.test(real) && !(await stat(real)).isCharacterDevice()) throw notADevice(target.path, real);
  return real;
}

function notADevice(path: string, real: string): PrinterRefused {
  return new PrinterRefused('PRINTER_PATH_REFUSED', `${path} (${real}) is not a printer device: choose a character device under /dev, such as /dev/usb/lp0`, { path, resolved: real });
}

export async function writeDevice(path: string, bytes: Buffer, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the printer at ${path} did not take the job within ${timeoutMs} ms: is it out of paper or offline?`)), timeoutMs);
  });
  try {
    await Promise.race([writeTo(await printerDevicePath(path), path, bytes), timeout]);
  } catch (error) {
    if (error instanceof PrinterRefused || !(error as NodeJS.ErrnoException).code) throw error;
    throw new Error(deviceProblem(error as NodeJS.ErrnoException, path), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Never creates a file: no O_CREAT, and the opened file itself must be a character device. */
async function writeTo(real: string, asSet: string, bytes: Buffer): Promise<void> {
  const noFollow = WINDOWS_SERIAL.test(real) ? 0 : constants.O_NOFOLLOW | constants.O_NOCTTY;
  const file = await open(real, constants.O_WRONLY | noFollow);
  try {
    if (noFollow && !(await file.stat()).isCharacterDevice()) throw notADevice(asSet, real);
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
