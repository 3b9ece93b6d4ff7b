/**
 * Printing: builds a sale's receipt, writes the job to the durable queue, then sends it, one job at
 * a time. A sale's first print of its current state (provisional, then signed) is the original; any
 * later print is a copy. A cash sale's first print kicks the drawer.
 */
import type { Image } from '@node-escpos/core';
import { ApiError, type KraMode, type PrintJobSummary, type PrintOutcome, type PrintTestOutcome, type UserSummary } from '../../src-shared/api';
import type { ApiErrorBody } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { buildReceipt, type ReceiptDocument, type ReceiptEnvironment, type StoreProfile } from '../../src-shared/receipt';
import { appendAudit } from '../ledger/audit';
import type { LedgerDb } from '../ledger/open';
import {
  findPrintJob,
  insertPrintJob,
  receiptJobsOf,
  recordFailed,
  recordPrinted,
  unprintedJobs,
  type PrintJobRow,
} from '../ledger/print-jobs';
import { latestSaleId, readDevice, readReceipt, type StoredReceipt } from '../ledger/receipts';
import type { ReportDocument } from '../../src-shared/reports/document';
import { encodeDrawerKick, encodeReceipt, encodeReport } from './escpos';
import { checkLogo, loadEscPosLogo } from './logo';
import { renderPdf, renderReportPdf, type PdfPaper } from './pdf';
import { printerTarget, readPrintingSettings, readStorePhone, rollPaper } from './settings';
import { describeTarget, PrinterRefused, resolvePrinterTarget, type PrinterFactory, type PrinterTarget } from './transports';

export interface PrintServiceDeps {
  db: LedgerDb;
  clock: Clock;
  environment: KraMode;
  /** Demo mode: where the local simulator serves KRA's verification page. */
  demoVerificationBaseUrl: () => string;
  printers: PrinterFactory;
}

export class PrintService {
  private sending: Promise<unknown> = Promise.resolve();
  /** The decoded logo, kept while the setting stays the same; a logo that will not decode prints as none. */
  private logo: { dataUrl: string; image: Promise<Image | null> } | null = null;

  constructor(private readonly deps: PrintServiceDeps) {}

  document(saleId: number, copy: boolean): ReceiptDocument {
    return this.build(this.stored(saleId), copy);
  }

  async printReceipt(saleId: number, user: UserSummary): Promise<PrintOutcome> {
    const stored = this.stored(saleId);
    const original = this.build(stored, false);
    const target = this.requirePrinter();
    const earlier = receiptJobsOf(this.deps.db, saleId);
    const sameState = earlier.filter((job) => documentOf(job).status === original.status);
    const waitingOriginal = sameState.find((job) => job.kind === 'receipt' && job.state !== 'printed');
    if (waitingOriginal) return { receipt: summary(await this.send(waitingOriginal)), drawer: null };

    const copy = sameState.some((job) => job.kind === 'receipt');
    const kickDrawer = earlier.length === 0 && stored.hasCashTender && target.kind !== 'system';
    const drawer = kickDrawer ? this.queueJob(saleId, 'drawer', { reason: 'cash sale' }) : null;
    const receipt = this.queueJob(saleId, copy ? 'copy' : 'receipt', copy ? this.build(stored, true) : original);
    appendAudit(this.deps.db, { at: this.deps.clock.now(), userId: user.id, action: 'receipt.print', detail: { saleId, jobId: receipt.id, copy } });
    const drawerDone = drawer ? await this.send(drawer) : null;
    return { receipt: summary(await this.send(receipt)), drawer: drawerDone ? summary(drawerDone) : null };
  }

  async reprintLast(user: UserSummary): Promise<PrintOutcome> {
    const saleId = latestSaleId(this.deps.db);
    if (saleId === undefined) throw new ApiError('SALE_NOT_FOUND', 'no sale has been made on this till yet');
    return this.printReceipt(saleId, user);
  }

  /** The PDF counts as a print: once an original exists, later PDFs say COPY. */
  async pdf(saleId: number, paper: PdfPaper, user: UserSummary): Promise<{ fileName: string; base64: string }> {
    const stored = this.stored(saleId);
    const original = this.build(stored, false);
    const copy = receiptJobsOf(this.deps.db, saleId).some((job) => job.kind === 'receipt' && documentOf(job).status === original.status);
    const document = copy ? this.build(stored, true) : original;
    const bytes = await renderPdf(document, paper);
    const job = this.queueJob(saleId, copy ? 'copy' : 'receipt', document, `pdf:${paper}`);
    recordPrinted(this.deps.db, job.id, this.deps.clock.now().toISOString(), `pdf:${paper}`);
    appendAudit(this.deps.db, { at: this.deps.clock.now(), userId: user.id, action: 'receipt.pdf', detail: { saleId, jobId: job.id, copy, paper } });
    return { fileName: pdfFileName(document, paper), base64: bytes.toString('base64') };
  }

  async openDrawer(user: UserSummary, reason: string): Promise<PrintJobSummary> {
    const target = printerTarget(readPrintingSettings(this.deps.db).printer);
    if (!target || target.kind === 'system') {
      throw new ApiError('DRAWER_NOT_AVAILABLE', 'the cash drawer opens through a network or USB receipt printer, and none is set up');
    }
    const job = this.queueJob(null, 'drawer', { reason });
    appendAudit(this.deps.db, { at: this.deps.clock.now(), userId: user.id, action: 'drawer.open', detail: { jobId: job.id, reason } });
    return summary(await this.send(job));
  }

  /** An X or Z report through the same queue and printer as receipts. */
  async printReport(document: ReportDocument, user: UserSummary): Promise<PrintJobSummary> {
    this.requirePrinter();
    const job = this.queueJob(null, 'report', document);
    appendAudit(this.deps.db, { at: this.deps.clock.now(), userId: user.id, action: 'report.print', detail: { jobId: job.id, kind: document.kind, zNumber: document.zNumber, copy: document.copy } });
    return summary(await this.send(job));
  }

  /** A report's PDF, kept in the queue as printed, so a Z's later PDFs and prints are copies. */
  async reportPdf(document: ReportDocument, paper: PdfPaper, user: UserSummary): Promise<{ fileName: string; base64: string }> {
    const bytes = await renderReportPdf(document, paper);
    const job = this.queueJob(null, 'report', document, `pdf:${paper}`);
    recordPrinted(this.deps.db, job.id, this.deps.clock.now().toISOString(), `pdf:${paper}`);
    appendAudit(this.deps.db, { at: this.deps.clock.now(), userId: user.id, action: 'report.pdf', detail: { jobId: job.id, kind: document.kind, zNumber: document.zNumber, copy: document.copy, paper } });
    return { fileName: `${document.fileName}-${paper}.pdf`, base64: bytes.toString('base64') };
  }

  async retry(jobId: number): Promise<PrintJobSummary> {
    const job = findPrintJob(this.deps.db, jobId);
    if (!job) throw new ApiError('PRINT_JOB_NOT_FOUND', `jobId: no print job ${jobId}`, { field: 'jobId' });
    if (job.state === 'printed') throw new ApiError('PRINT_JOB_DONE', `jobId: job ${jobId} has already printed`, { field: 'jobId' });
    this.requirePrinter();
    return summary(await this.send(job));
  }

  /** Sends a test page the way receipts go, and says which way that is, where to, and how it ended. */
  async testPrint(user: UserSummary): Promise<PrintTestOutcome> {
    const settings = readPrintingSettings(this.deps.db);
    const target = this.requirePrinter();
    const outcome: PrintTestOutcome = { transport: target.kind, target: targetName(target), resolved: null, printed: false, error: null };
    try {
      outcome.resolved = await resolvePrinterTarget(target);
      const transport = this.deps.printers(target);
      const page = testPage(outcome, this.deps.clock.now());
      const bytes = transport.accepts === 'pdf' ? await renderPdf(page, rollPaper(settings.paperWidth)) : await encodeReceipt(page, { paperWidth: settings.paperWidth });
      // In the queue's turn, so it never interleaves with a receipt on the same printer.
      const sent = this.sending.then(() => transport.send(bytes));
      this.sending = sent.catch(() => undefined);
      await sent;
      outcome.printed = true;
    } catch (error) {
      outcome.error = printerError(error);
    }
    appendAudit(this.deps.db, { at: this.deps.clock.now(), userId: user.id, action: 'print.test', detail: { ...outcome } });
    return outcome;
  }

  queue(): PrintJobSummary[] {
    return unprintedJobs(this.deps.db).map(summary);
  }

  private stored(saleId: number): StoredReceipt {
    const stored = readReceipt(this.deps.db, saleId);
    if (!stored) throw new ApiError('SALE_NOT_FOUND', `saleId: no sale ${saleId}`, { field: 'saleId' });
    return stored;
  }

  private build(stored: StoredReceipt, copy: boolean): ReceiptDocument {
    const { db, environment } = this.deps;
    const device = readDevice(db, environment);
    if (!device) throw new ApiError('DEVICE_NOT_INITIALISED', `no KRA device is registered for ${environment}`);
    const store: StoreProfile = {
      tradeName: stored.frozenStore.tradeName ?? device.taxpayerName,
      address: stored.frozenStore.address ?? device.branchName,
      sellerPin: device.tin,
      branchId: device.branchId,
      phone: readStorePhone(db),
      topMsg: stored.frozenStore.topMsg,
      btmMsg: stored.frozenStore.btmMsg,
      logo: readPrintingSettings(db).logo,
    };
    const { signature } = stored;
    const seal = signature ? { ...signature, scuId: device.sdcId, mrcNo: device.mrcNo } : null;
    return buildReceipt({ store, sale: stored.sale, seal, environment: this.receiptEnvironment(), copy });
  }

  private receiptEnvironment(): ReceiptEnvironment {
    const { environment } = this.deps;
    return environment === 'demo' ? { kind: 'demo', verificationBaseUrl: this.deps.demoVerificationBaseUrl() } : { kind: environment };
  }

  private requirePrinter() {
    const target = printerTarget(readPrintingSettings(this.deps.db).printer);
    if (!target) throw new ApiError('PRINTER_NOT_CONFIGURED', 'no receipt printer is set up');
    return target;
  }

  private queueJob(saleId: number | null, kind: PrintJobRow['kind'], document: unknown, printer?: string): PrintJobRow {
    const target = printerTarget(readPrintingSettings(this.deps.db).printer);
    return insertPrintJob(this.deps.db, {
      createdAt: this.deps.clock.now().toISOString(),
      saleId,
      kind,
      printer: printer ?? (target ? describeTarget(target) : 'none'),
      document,
    });
  }

  /** One job at a time: a receipt printer takes one connection, and jobs must not interleave. */
  private send(job: PrintJobRow): Promise<PrintJobRow> {
    const run = this.sending.then(() => this.deliver(job));
    this.sending = run.catch(() => undefined);
    return run;
  }

  private async deliver(job: PrintJobRow): Promise<PrintJobRow> {
    const settings = readPrintingSettings(this.deps.db);
    const target = printerTarget(settings.printer);
    if (!target) return recordFailed(this.deps.db, job.id, 'no receipt printer is set up', 'none');
    const name = describeTarget(target);
    try {
      const transport = this.deps.printers(target);
      const bytes = await this.render(job, transport.accepts, settings.paperWidth);
      await transport.send(bytes);
      return recordPrinted(this.deps.db, job.id, this.deps.clock.now().toISOString(), name);
    } catch (error) {
      return recordFailed(this.deps.db, job.id, error instanceof Error ? error.message : String(error), name);
    }
  }

  private async render(job: PrintJobRow, accepts: 'escpos' | 'pdf', paperWidth: 58 | 80): Promise<Buffer> {
    if (job.kind === 'drawer') {
      if (accepts !== 'escpos') throw new Error('the system printer has no cash drawer port');
      return encodeDrawerKick();
    }
    if (job.kind === 'report') {
      const report = job.document as ReportDocument;
      return accepts === 'pdf' ? renderReportPdf(report, rollPaper(paperWidth)) : encodeReport(report, { paperWidth });
    }
    const document = documentOf(job);
    if (accepts === 'pdf') return renderPdf(document, rollPaper(paperWidth));
    return encodeReceipt(document, { paperWidth, logo: await this.escPosLogo(document) });
  }

  private escPosLogo(document: ReceiptDocument): Promise<Image | null> {
    const block = document.blocks.find((b) => b.type === 'logo');
    if (!block || block.type !== 'logo') return Promise.resolve(null);
    if (this.logo?.dataUrl !== block.dataUrl) {
      const checked = checkLogo(block.dataUrl);
      const image = checked.ok ? loadEscPosLogo(checked.png).catch(() => null) : Promise.resolve(null);
      this.logo = { dataUrl: block.dataUrl, image };
    }
    return this.logo.image;
  }
}

function targetName(target: PrinterTarget): string {
  if (target.kind === 'tcp') return `${target.host}:${target.port}`;
  return target.kind === 'device' ? target.path : target.name || 'default';
}

export function printerError(error: unknown): ApiErrorBody {
  if (error instanceof PrinterRefused) return { code: error.code, message: error.message, params: error.params };
  const reason = error instanceof Error ? error.message : String(error);
  return { code: 'PRINTER_FAILED', message: reason, params: { reason } };
}

function testPage(outcome: PrintTestOutcome, at: Date): ReceiptDocument {
  const text = (line: string, bold = false) => ({ type: 'text' as const, section: 'header' as const, text: line, align: 'left' as const, bold, size: 'normal' as const });
  return {
    saleId: 0,
    receiptNo: 0,
    tradeInvoiceNo: 'TEST',
    kind: 'sale',
    status: 'provisional',
    copy: false,
    demo: false,
    label: null,
    title: 'PRINTER TEST',
    watermark: 'TEST - NOT A RECEIPT',
    verificationUrl: null,
    blocks: [
      { type: 'text', section: 'title', text: 'PRINTER TEST', align: 'center', bold: true, size: 'large' },
      text('Mauzo printer test - not a receipt', true),
      text(`Printer: ${outcome.transport} ${outcome.target}`),
      text(`Sent to: ${outcome.resolved ?? ''}`),
      text(`At: ${at.toISOString()}`),
      { type: 'cut', section: 'footer' },
    ],
  };
}

function documentOf(job: PrintJobRow): ReceiptDocument {
  return job.document as ReceiptDocument;
}

function summary(job: PrintJobRow): PrintJobSummary {
  const { id, createdAt, saleId, kind, printer, state, attempts, lastError, printedAt } = job;
  return { id, createdAt, saleId, kind, printer, state, attempts, lastError, printedAt };
}

function pdfFileName(document: ReceiptDocument, paper: PdfPaper): string {
  const kind = document.status === 'provisional' ? 'provisional' : document.kind === 'credit-note' ? 'credit-note' : 'tax-invoice';
  const name = [kind, document.tradeInvoiceNo, document.copy ? 'copy' : null, paper].filter(Boolean).join('-');
  return `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
}
