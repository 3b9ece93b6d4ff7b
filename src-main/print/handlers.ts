import { ApiError } from '../../src-shared/api';
import type { KraMode, PrintingSettings } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { sessionOf, type Handlers } from '../api/handlers';
import { appendAudit } from '../ledger/audit';
import type { LedgerDb } from '../ledger/open';
import { checkLogo } from './logo';
import { PrintService } from './service';
import { readPrintingSettings, writePrintingSettings } from './settings';
import { PrinterRefused, resolvePrinterTarget, type PrinterFactory } from './transports';
import { printerTarget } from './settings';

export type PrintMethod =
  | 'receipt.get'
  | 'receipt.print'
  | 'receipt.reprintLast'
  | 'receipt.pdf'
  | 'print.queue'
  | 'print.retry'
  | 'drawer.open'
  | 'settings.printing.get'
  | 'settings.printing.set'
  | 'print.test';

export interface PrintDeps {
  db: LedgerDb;
  clock: Clock;
  environment: KraMode;
  /** Demo mode: the simulator's base URL, for the QR code's verification page. */
  demoVerificationBaseUrl: () => string;
  /** Opens a printer; createPrinterFactory({ systemCommand: lpCommand }) in the app. */
  printers: PrinterFactory;
}

export function printHandlers(deps: PrintDeps, printing = new PrintService(deps)): Handlers<PrintMethod> {
  return {
    'receipt.get': ({ saleId, copy }) => printing.document(saleId, copy),
    'receipt.print': ({ saleId }, ctx) => printing.printReceipt(saleId, sessionOf(ctx).user),
    'receipt.reprintLast': (_input, ctx) => printing.reprintLast(sessionOf(ctx).user),
    'receipt.pdf': ({ saleId, paper }, ctx) => printing.pdf(saleId, paper, sessionOf(ctx).user),
    'print.queue': () => printing.queue(),
    'print.retry': ({ jobId }) => printing.retry(jobId),
    'drawer.open': ({ reason }, ctx) => printing.openDrawer(sessionOf(ctx).user, reason),
    'settings.printing.get': () => readPrintingSettings(deps.db),
    'print.test': (_input, ctx) => printing.testPrint(sessionOf(ctx).user),
    'settings.printing.set': async (settings, ctx) => {
      if (settings.logo !== null) {
        const logo = checkLogo(settings.logo);
        if (!logo.ok) throw new ApiError('INVALID_INPUT', `logo: ${logo.reason}`, { field: 'logo', params: { field: 'logo', reason: logo.reason } });
      }
      await checkPrinter(settings.printer);
      writePrintingSettings(deps.db, settings);
      appendAudit(deps.db, {
        at: deps.clock.now(),
        userId: sessionOf(ctx).user.id,
        action: 'settings.printing.set',
        detail: { paperWidth: settings.paperWidth, printer: settings.printer, logo: settings.logo === null ? 'none' : 'set' },
      });
      return readPrintingSettings(deps.db);
    },
  };
}

/** A printer setting is saved only if printing would use it: a real printer device, a shop-network address. */
async function checkPrinter(printer: PrintingSettings['printer']): Promise<void> {
  const target = printerTarget(printer);
  if (!target || target.kind === 'system') return;
  try {
    await resolvePrinterTarget(target);
  } catch (error) {
    if (!(error instanceof PrinterRefused)) throw error;
    throw new ApiError(error.code, `printer.address: ${error.message}`, { field: 'printer.address', params: error.params });
  }
}
