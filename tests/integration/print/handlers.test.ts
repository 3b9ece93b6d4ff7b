import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { PNG } from 'pngjs';
import { createDispatch, type Dispatch } from '../../../src-main/api/dispatch';
import type { AllHandlers } from '../../../src-main/api/handlers';
import { openLedger, type LedgerDb } from '../../../src-main/ledger/open';
import { auditLog, printJobs } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import { printHandlers } from '../../../src-main/print/handlers';
import { writePrintingSettings } from '../../../src-main/print/settings';
import { createPrinterFactory } from '../../../src-main/print/transports';
import { Sessions } from '../../../src-main/session/sessions';
import type { ApiErrorBody, InputOf, MethodName, OutputOf, PrintingSettings } from '../../../src-shared/api';
import { translate } from '../../../src-shared/i18n';
import type { ReceiptDocument } from '../../../src-shared/receipt';
import { TestClock } from '../../support/clock';
import { decodeEscPos } from '../../support/escpos-decode';
import { loopbackHost, startFakePrinter, startRawPortPrinter, type FakePrinter } from '../../support/print-server';
import { fixedSale, SEAL } from '../../support/receipt-fixtures';
import { insertFixtureSale, seedStaffAndDevice, signSale } from '../../support/receipt-ledger';
import { tempDir } from '../../support/temp';

const DEMO_URL = 'http://127.0.0.1:8123/common/link/etims/receipt/indexEtimsReceiptData?Data=P051234567M00QUII27MATATSHFRB';

interface World {
  db: LedgerDb;
  dir: string;
  dispatch: Dispatch;
  tokens: { cashier: string; supervisor: string; manager: string };
  saleId: number;
  printers: FakePrinter[];
  /** The file the fake system print command writes its PDF to. */
  systemOutput: string;
  cleanup: () => void;
  /** Files a test made outside its own folder. */
  cleanups: (() => void)[];
}

let world: World;

beforeEach(() => {
  const dir = tempDir();
  const db = openLedger(dir.path, projectPaths.migrations);
  const clock = new TestClock();
  const staff = seedStaffAndDevice(db);
  const saleId = insertFixtureSale(db, fixedSale(), staff.cashierId);
  const systemOutput = join(dir.path, 'system-print.pdf');
  const sessions = new Sessions(clock);
  const handlers = printHandlers({
    db,
    clock,
    environment: 'demo',
    demoVerificationBaseUrl: () => 'http://127.0.0.1:8123',
    printers: createPrinterFactory({
      timeoutMs: 2000,
      systemCommand: (name) =>
        name === 'broken'
          ? [process.execPath, '-e', 'process.stderr.write("printer is paused"); process.exit(3)']
          : [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(systemOutput)}, require('fs').readFileSync(0))`],
    }),
  });
  const open = (id: number, name: string, role: 'cashier' | 'supervisor' | 'manager') => sessions.open({ id, name, role }).token;
  world = {
    db,
    dir: dir.path,
    dispatch: createDispatch({ handlers: handlers as unknown as AllHandlers, sessions, onInternalError: (m, e) => console.error(m, e) }),
    tokens: {
      cashier: open(staff.cashierId, 'Wanjiru', 'cashier'),
      supervisor: open(staff.supervisorId, 'Otieno', 'supervisor'),
      manager: open(staff.managerId, 'Achieng', 'manager'),
    },
    saleId,
    printers: [],
    systemOutput,
    cleanups: [],
    cleanup: () => {
      db.$client.close();
      dir.cleanup();
    },
  };
});

afterEach(async () => {
  await Promise.all(world.printers.map((p) => p.close()));
  for (const cleanup of world.cleanups) cleanup();
  world.cleanup();
});

async function call<M extends MethodName>(method: M, input: InputOf<M>, as: keyof World['tokens'] = 'cashier'): Promise<OutputOf<M>> {
  const result = await world.dispatch(method, input, world.tokens[as]);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as OutputOf<M>;
}

async function refused<M extends MethodName>(method: M, input: InputOf<M>, as: keyof World['tokens'] = 'cashier'): Promise<ApiErrorBody> {
  const result = await world.dispatch(method, input, world.tokens[as]);
  assert.equal(result.ok, false, `${method} should have failed`);
  return (result as { ok: false; error: ApiErrorBody }).error;
}

type PrinterInput = Omit<PrintingSettings['printer'], 'anyNetwork'> & { anyNetwork?: boolean };

const settings = (printer: PrinterInput, extra: Partial<PrintingSettings> = {}): PrintingSettings => ({
  paperWidth: 80,
  printer: { anyNetwork: false, ...printer },
  topMsg: '',
  btmMsg: '',
  logo: null,
  ...extra,
});

/** A network printer on port 9100 of a loopback address of its own (the one given, if free). */
async function networkPrinter(host?: string): Promise<FakePrinter> {
  const printer = await startRawPortPrinter(host);
  world.printers.push(printer);
  return printer;
}

async function useNetworkPrinter(host: string): Promise<void> {
  await call('settings.printing.set', settings({ kind: 'tcp', address: host }), 'manager');
}

const auditActions = (action: string) => world.db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('printing a receipt on a network printer', () => {
  test('the first print of a cash sale kicks the drawer, then prints the original; later prints are copies', async () => {
    signSale(world.db, world.saleId, SEAL, 77);
    const printer = await networkPrinter();
    await useNetworkPrinter(printer.host);

    const first = await call('receipt.print', { saleId: world.saleId });
    assert.equal(first.receipt.kind, 'receipt');
    assert.equal(first.receipt.state, 'printed');
    assert.equal(first.drawer?.state, 'printed');
    const [kick, original] = await printer.waitForJobs(2);
    assert.equal(decodeEscPos(kick!).drawerKicks.length, 1);
    const printed = decodeEscPos(original!);
    assert.ok(printed.lines.some((l) => l.text === 'TAX INVOICE'));
    assert.deepEqual(printed.qrCodes.map((q) => q.data), [DEMO_URL]);
    assert.ok(printed.lines.some((l) => /169\/172 NS$/.test(l.text)));

    const second = await call('receipt.print', { saleId: world.saleId });
    assert.equal(second.receipt.kind, 'copy');
    assert.equal(second.drawer, null);
    const copy = decodeEscPos((await printer.waitForJobs(3))[2]!);
    assert.ok(copy.lines.some((l) => l.text === 'COPY' && l.width === 3));
    assert.ok(copy.lines.some((l) => /169\/172 CS$/.test(l.text)));
    assert.deepEqual(copy.qrCodes.map((q) => q.data), [DEMO_URL]);
    assert.equal(printer.jobs.length, 3);
  });

  test('a sale printed while unsigned is provisional; once KRA signs it, its tax invoice prints as an original', async () => {
    const printer = await networkPrinter();
    await useNetworkPrinter(printer.host);

    await call('receipt.print', { saleId: world.saleId });
    const provisional = decodeEscPos((await printer.waitForJobs(2))[1]!);
    assert.ok(provisional.lines.some((l) => l.text === 'PROVISIONAL - NOT YET A TAX INVOICE'));
    assert.equal(provisional.qrCodes.length, 0);

    signSale(world.db, world.saleId, SEAL, 77);
    const signed = await call('receipt.print', { saleId: world.saleId });
    assert.equal(signed.receipt.kind, 'receipt');
    assert.equal(signed.drawer, null, 'the drawer opened with the first print');
    const invoice = decodeEscPos((await printer.waitForJobs(3))[2]!);
    assert.ok(invoice.lines.some((l) => /169\/172 NS$/.test(l.text)));
    assert.deepEqual(invoice.qrCodes.map((q) => q.data), [DEMO_URL]);
  });

  test('receipt.reprintLast prints a copy of the latest sale', async () => {
    signSale(world.db, world.saleId, SEAL, 77);
    const printer = await networkPrinter();
    await useNetworkPrinter(printer.host);
    await call('receipt.print', { saleId: world.saleId });
    const again = await call('receipt.reprintLast', {});
    assert.equal(again.receipt.kind, 'copy');
    assert.equal(again.receipt.saleId, world.saleId);
  });
});

describe('the durable print queue', () => {
  test('a printer that refuses the connection leaves failed jobs; a retry prints once it listens', async () => {
    signSale(world.db, world.saleId, SEAL, 77);
    const host = loopbackHost();
    await useNetworkPrinter(host);

    const outcome = await call('receipt.print', { saleId: world.saleId });
    assert.equal(outcome.receipt.state, 'failed');
    assert.match(outcome.receipt.lastError ?? '', /refused the connection/);
    assert.equal(outcome.drawer?.state, 'failed');
    const queue = await call('print.queue', {});
    assert.deepEqual(queue.map((j) => [j.kind, j.state]), [['drawer', 'failed'], ['receipt', 'failed']]);

    const printer = await networkPrinter(host);
    const retried = await call('print.retry', { jobId: outcome.receipt.id });
    assert.equal(retried.state, 'printed');
    assert.equal(retried.attempts, 2);
    assert.equal(retried.lastError, null);
    const [job] = await printer.waitForJobs(1);
    assert.deepEqual(decodeEscPos(job!).qrCodes.map((q) => q.data), [DEMO_URL]);
    assert.deepEqual((await call('print.queue', {})).map((j) => j.kind), ['drawer']);

    assert.equal((await refused('print.retry', { jobId: outcome.receipt.id })).code, 'PRINT_JOB_DONE');
    assert.equal((await refused('print.retry', { jobId: 9999 })).code, 'PRINT_JOB_NOT_FOUND');
  });

  test('asking for a copy while the original still waits sends the original again', async () => {
    signSale(world.db, world.saleId, SEAL, 77);
    const host = loopbackHost();
    await useNetworkPrinter(host);
    const failed = await call('receipt.print', { saleId: world.saleId });
    await networkPrinter(host);
    const again = await call('receipt.print', { saleId: world.saleId });
    assert.equal(again.receipt.id, failed.receipt.id);
    assert.equal(again.receipt.kind, 'receipt');
    assert.equal(again.receipt.state, 'printed');
  });

  test('without a printer, printing is refused and nothing is queued', async () => {
    assert.equal((await refused('receipt.print', { saleId: world.saleId })).code, 'PRINTER_NOT_CONFIGURED');
    assert.equal(world.db.select().from(printJobs).all().length, 0);
  });
});

describe('other printers', () => {
  test('the system printer is handed a PDF through the print command, and has no drawer', async () => {
    signSale(world.db, world.saleId, SEAL, 77);
    await call('settings.printing.set', settings({ kind: 'system', address: '' }), 'manager');
    const outcome = await call('receipt.print', { saleId: world.saleId });
    assert.equal(outcome.receipt.state, 'printed');
    assert.equal(outcome.receipt.printer, 'system:default');
    assert.equal(outcome.drawer, null);
    assert.equal(readFileSync(world.systemOutput).subarray(0, 5).toString(), '%PDF-');
  });

  test('a print command that fails leaves the job failed with its message', async () => {
    await call('settings.printing.set', settings({ kind: 'system', address: 'broken' }), 'manager');
    const outcome = await call('receipt.print', { saleId: world.saleId });
    assert.equal(outcome.receipt.state, 'failed');
    assert.match(outcome.receipt.lastError ?? '', /exit 3.*printer is paused/);
  });

  test('a USB or serial printer is written through its character device', async () => {
    writePrintingSettings(world.db, settings({ kind: 'device', address: '/dev/null' }));
    const outcome = await call('receipt.print', { saleId: world.saleId });
    assert.equal(outcome.receipt.state, 'printed');
    assert.equal(outcome.receipt.printer, 'device:/dev/null');
  });

  test('a device that is not there fails the job with what to check, and no file is created', async () => {
    const missing = join(world.dir, 'missing', 'lp9');
    writePrintingSettings(world.db, settings({ kind: 'device', address: missing }));
    const outcome = await call('receipt.print', { saleId: world.saleId });
    assert.equal(outcome.receipt.state, 'failed');
    assert.match(outcome.receipt.lastError ?? '', /no printer at .*lp9: is it plugged in/);
    assert.equal(existsSync(missing), false);
  });
});

describe('a printer setting cannot write files or reach outside the shop', () => {
  /** A file outside /dev that a careless path would overwrite, e.g. a shell's start-up file. */
  const victim = () => {
    const path = join(world.dir, '.bashrc');
    writeFileSync(path, 'echo hello\n');
    return path;
  };

  test('a device path is refused unless it resolves to a character device under /dev, and the file is left alone', async () => {
    const file = victim();
    const link = `/dev/shm/mauzo-printer-${process.pid}-${Date.now()}`;
    symlinkSync(file, link);
    world.cleanups.push(() => rmSync(link, { force: true }));
    const regularUnderDev = `${link}-file`;
    writeFileSync(regularUnderDev, '');
    world.cleanups.push(() => rmSync(regularUnderDev, { force: true }));

    const cases: [string, ApiErrorBody['code'], string][] = [
      [`/dev/..${file}`, 'PRINTER_PATH_REFUSED', file],
      [link, 'PRINTER_PATH_REFUSED', file],
      [regularUnderDev, 'PRINTER_PATH_REFUSED', regularUnderDev],
      ['/dev/usb/mauzo-lp9', 'PRINTER_DEVICE_MISSING', '/dev/usb/mauzo-lp9'],
    ];
    for (const [address, code, resolved] of cases) {
      const error = await refused('settings.printing.set', settings({ kind: 'device', address }), 'manager');
      assert.equal(error.code, code, address);
      assert.equal(error.field, 'printer.address');
      assert.equal(error.params?.path, address);
      if (code === 'PRINTER_PATH_REFUSED') assert.equal(error.params?.resolved, resolved);
    }
    assert.equal((await call('settings.printing.get', {})).printer.kind, 'none', 'nothing was saved');

    for (const [address] of cases.slice(0, 3)) {
      writePrintingSettings(world.db, settings({ kind: 'device', address }));
      const outcome = await call('receipt.print', { saleId: world.saleId });
      assert.equal(outcome.receipt.state, 'failed', address);
      assert.match(outcome.receipt.lastError ?? '', /is not a printer device/);
    }
    assert.equal(readFileSync(file, 'utf8'), 'echo hello\n', 'the file was never written');
    assert.equal(readFileSync(regularUnderDev, 'utf8'), '');
    assert.equal(existsSync('/dev/usb/mauzo-lp9'), false);
  });

  test('/dev/null, a character device, is accepted and saved', async () => {
    const saved = await call('settings.printing.set', settings({ kind: 'device', address: '/dev/null' }), 'manager');
    assert.deepEqual(saved.printer, { kind: 'device', address: '/dev/null', anyNetwork: false });
  });

  test('a network printer is a host of the shop\'s network on port 9100, unless a manager allows any address', async () => {
    for (const address of ['8.8.8.8', '8.8.8.8:9100', '192.168.1.50:80', '127.0.0.1:8787']) {
      const error = await refused('settings.printing.set', settings({ kind: 'tcp', address }), 'manager');
      assert.equal(error.code, 'PRINTER_ADDRESS_REFUSED', address);
      assert.equal(error.field, 'printer.address', address);
    }
    const outside = await refused('settings.printing.set', settings({ kind: 'tcp', address: '8.8.8.8' }), 'manager');
    assert.deepEqual(outside.params, { address: '8.8.8.8:9100', resolved: '8.8.8.8', port: 9100 });
    for (const address of ['10.1.2.3', '172.20.0.9:9100', '192.168.1.50', '169.254.10.20', 'localhost']) {
      const saved = await call('settings.printing.set', settings({ kind: 'tcp', address }), 'manager');
      assert.equal(saved.printer.address, address);
    }
    const widened = await call('settings.printing.set', settings({ kind: 'tcp', address: '8.8.8.8:9101', anyNetwork: true }), 'manager');
    assert.deepEqual(widened.printer, { kind: 'tcp', address: '8.8.8.8:9101', anyNetwork: true });
  });

  test('printing checks the address again: a refused address is never connected to; a widened one prints', async () => {
    const elsewhere = await startFakePrinter();
    world.printers.push(elsewhere);
    writePrintingSettings(world.db, settings({ kind: 'tcp', address: elsewhere.address }));
    const refusedJob = await call('receipt.print', { saleId: world.saleId });
    assert.equal(refusedJob.receipt.state, 'failed');
    assert.match(refusedJob.receipt.lastError ?? '', /not on port 9100/);
    assert.equal(elsewhere.jobs.length, 0);

    await call('settings.printing.set', settings({ kind: 'tcp', address: elsewhere.address, anyNetwork: true }), 'manager');
    const retried = await call('print.retry', { jobId: refusedJob.receipt.id });
    assert.equal(retried.state, 'printed');
    assert.equal((await elsewhere.waitForJobs(1)).length, 1);
  });
});

describe('a test print', () => {
  test('says which transport and target, where the job went, and prints a test page', async () => {
    const printer = await networkPrinter();
    await useNetworkPrinter(printer.host);
    const outcome = await call('print.test', {}, 'manager');
    assert.deepEqual(outcome, { transport: 'tcp', target: `${printer.host}:9100`, resolved: `${printer.host}:9100`, printed: true, error: null });
    const [page] = await printer.waitForJobs(1);
    const lines = decodeEscPos(page!).lines.map((l) => l.text);
    assert.ok(lines.includes('PRINTER TEST'), lines.join('|'));
    assert.ok(lines.some((l) => l.includes(`tcp ${printer.host}:9100`)));
    assert.equal(auditActions('print.test').length, 1);
    assert.equal(world.db.select().from(printJobs).all().length, 0, 'a test page is not a receipt job');
  });

  test('a device resolves to its real path', async () => {
    await call('settings.printing.set', settings({ kind: 'device', address: '/dev/../dev/null' }), 'manager');
    assert.deepEqual(await call('print.test', {}, 'manager'), { transport: 'device', target: '/dev/../dev/null', resolved: '/dev/null', printed: true, error: null });
  });

  test('shows the refusal or the printer\'s failure, in words each language can show', async () => {
    const file = join(world.dir, 'receipt.txt');
    writeFileSync(file, '');
    writePrintingSettings(world.db, settings({ kind: 'device', address: `/dev/..${file}` }));
    const refusedPath = await call('print.test', {}, 'manager');
    assert.equal(refusedPath.printed, false);
    assert.equal(refusedPath.resolved, null);
    assert.equal(refusedPath.error?.code, 'PRINTER_PATH_REFUSED');
    assert.deepEqual(refusedPath.error?.params, { path: `/dev/..${file}`, resolved: file });
    assert.equal(readFileSync(file, 'utf8'), '');

    const host = loopbackHost();
    await useNetworkPrinter(host);
    const unanswered = await call('print.test', {}, 'manager');
    assert.equal(unanswered.resolved, `${host}:9100`);
    assert.equal(unanswered.error?.code, 'PRINTER_FAILED');
    assert.match(String(unanswered.error?.params?.reason), /refused the connection/);
    for (const language of ['en', 'sw'] as const) {
      for (const error of [refusedPath.error!, unanswered.error!]) {
        const text = translate(language, `error.${error.code}`, error.params);
        assert.doesNotMatch(text, /\{\w+\}/, `${language} ${error.code}: ${text}`);
      }
    }
  });

  test('needs a manager, and a printer', async () => {
    assert.equal((await refused('print.test', {}, 'supervisor')).code, 'FORBIDDEN');
    assert.equal((await refused('print.test', {}, 'manager')).code, 'PRINTER_NOT_CONFIGURED');
  });
});

describe('the cash drawer', () => {
  test('drawer.open needs a supervisor: a cashier is refused and nothing is sent or audited', async () => {
    const printer = await networkPrinter();
    await useNetworkPrinter(printer.host);
    assert.equal((await refused('drawer.open', {}, 'cashier')).code, 'FORBIDDEN');
    assert.equal(world.db.select().from(printJobs).all().length, 0);
    assert.equal(auditActions('drawer.open').length, 0);
    assert.equal(printer.jobs.length, 0);
  });

  test('a supervisor opens it: the kick is sent and the "no sale" is audited', async () => {
    const printer = await networkPrinter();
    await useNetworkPrinter(printer.host);
    const job = await call('drawer.open', { reason: 'change for a customer' }, 'supervisor');
    assert.equal(job.kind, 'drawer');
    assert.equal(job.state, 'printed');
    const [kick] = await printer.waitForJobs(1);
    assert.deepEqual(decodeEscPos(kick!).drawerKicks, [{ pin: 2, onMs: 50, offMs: 240 }]);
    const audit = auditActions('drawer.open');
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]!.detail, { jobId: job.id, reason: 'change for a customer' });
    assert.notEqual(audit[0]!.userId, null);
  });

  test('with no ESC/POS printer there is no drawer to open', async () => {
    assert.equal((await refused('drawer.open', {}, 'supervisor')).code, 'DRAWER_NOT_AVAILABLE');
    await call('settings.printing.set', settings({ kind: 'system', address: '' }), 'manager');
    assert.equal((await refused('drawer.open', {}, 'supervisor')).code, 'DRAWER_NOT_AVAILABLE');
  });
});

function pngDataUrl(width: number, height: number): string {
  const png = new PNG({ width, height });
  png.data.fill(0);
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}

describe('printing settings', () => {
  test('are saved, audited and read back', async () => {
    const saved = await call('settings.printing.set', settings({ kind: 'tcp', address: ' 192.168.1.50 ' }, { paperWidth: 58, topMsg: 'Karibu', btmMsg: 'Asante' }), 'manager');
    assert.deepEqual(saved, settings({ kind: 'tcp', address: '192.168.1.50' }, { paperWidth: 58, topMsg: 'Karibu', btmMsg: 'Asante' }));
    assert.deepEqual(await call('settings.printing.get', {}), saved);
    assert.equal(auditActions('settings.printing.set').length, 1);
  });

  test('reject bad input naming the field, and change nothing', async () => {
    await call('settings.printing.set', settings({ kind: 'tcp', address: '10.0.0.9:9100' }), 'manager');
    const cases: [PrintingSettings, string, RegExp][] = [
      [settings({ kind: 'tcp', address: 'not a host!' }), 'printer.address', /IP address/],
      [settings({ kind: 'tcp', address: '10.0.0.9:70000' }), 'printer.address', /IP address/],
      [settings({ kind: 'device', address: 'lp0' }), 'printer.address', /\/dev\/usb\/lp0/],
      [{ ...settings({ kind: 'none', address: '' }), paperWidth: 57 as 58 }, 'paperWidth', /58 or 80/],
      [settings({ kind: 'none', address: '' }, { logo: 'data:image/jpeg;base64,AAAA' }), 'logo', /PNG data URL/],
      [settings({ kind: 'none', address: '' }, { logo: 'data:image/png;base64,AAAA' }), 'logo', /not a readable PNG/],
      [settings({ kind: 'none', address: '' }, { logo: pngDataUrl(500, 10) }), 'logo', /at most 384x384/],
    ];
    for (const [input, field, reason] of cases) {
      const error = await refused('settings.printing.set', input, 'manager');
      assert.equal(error.code, 'INVALID_INPUT');
      assert.equal(error.field, field);
      assert.match(String(error.params?.reason), reason);
    }
    assert.deepEqual((await call('settings.printing.get', {})).printer, { kind: 'tcp', address: '10.0.0.9:9100', anyNetwork: false });
  });

  test('need a manager to change', async () => {
    assert.equal((await refused('settings.printing.set', settings({ kind: 'none', address: '' }), 'supervisor')).code, 'FORBIDDEN');
  });

  test('a logo prints as a raster on the thermal printer and shows in the document', async () => {
    const printer = await networkPrinter();
    const logo = pngDataUrl(96, 40);
    await call('settings.printing.set', settings({ kind: 'tcp', address: printer.host }, { logo }), 'manager');
    const document = await call('receipt.get', { saleId: world.saleId });
    assert.deepEqual(document.blocks[0], { type: 'logo', section: 'header', dataUrl: logo });
    await call('receipt.print', { saleId: world.saleId });
    const receipt = decodeEscPos((await printer.waitForJobs(2))[1]!);
    assert.deepEqual(receipt.rasters, [{ widthBytes: 12, height: 40 }]);
  });
});

describe('receipt documents and PDFs', () => {
  test('receipt.get returns the provisional document, then the signed one, and a copy on request', async () => {
    assert.equal((await call('receipt.get', { saleId: world.saleId })).status, 'provisional');
    signSale(world.db, world.saleId, SEAL, 77);
    const signed: ReceiptDocument = await call('receipt.get', { saleId: world.saleId });
    assert.equal(signed.status, 'signed');
    assert.equal(signed.label, 'NS');
    assert.equal(signed.verificationUrl, DEMO_URL);
    assert.equal((await call('receipt.get', { saleId: world.saleId, copy: true })).label, 'CS');
    assert.equal((await refused('receipt.get', { saleId: 999 })).code, 'SALE_NOT_FOUND');
  });

  test('receipt.pdf exports the original once, then copies', async () => {
    signSale(world.db, world.saleId, SEAL, 77);
    const first = await call('receipt.pdf', { saleId: world.saleId, paper: 'a4' });
    assert.equal(first.fileName, 'tax-invoice-T01-000042-a4.pdf');
    assert.equal(Buffer.from(first.base64, 'base64').subarray(0, 5).toString(), '%PDF-');
    const second = await call('receipt.pdf', { saleId: world.saleId, paper: 'roll80' });
    assert.equal(second.fileName, 'tax-invoice-T01-000042-copy-roll80.pdf');
    assert.deepEqual(await call('print.queue', {}), []);
  });
});
