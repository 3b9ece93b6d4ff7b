/**
 * Printing settings in the settings table: the printer under `printer.*`, the receipt messages under
 * `store.topMsg` / `store.btmMsg` (the till puts them in the body sent to KRA with each sale).
 */
import type { PaperWidth, PrinterKind, PrintingSettings } from '../../src-shared/api';
import type { LedgerDb } from '../ledger/open';
import { readSetting, writeSetting } from '../ledger/settings';
import { RAW_PRINT_PORT, type PrinterTarget } from './transports';

const KEYS = {
  paperWidth: 'printer.paperWidth',
  kind: 'printer.kind',
  address: 'printer.address',
  anyNetwork: 'printer.anyNetwork',
  logo: 'printer.logo',
  topMsg: 'store.topMsg',
  btmMsg: 'store.btmMsg',
} as const;

const KINDS: readonly PrinterKind[] = ['tcp', 'device', 'system', 'none'];

export function readPrintingSettings(db: LedgerDb): PrintingSettings {
  const kind = readSetting(db, KEYS.kind);
  return {
    paperWidth: readSetting(db, KEYS.paperWidth) === '58' ? 58 : 80,
    printer: {
      kind: KINDS.find((k) => k === kind) ?? 'none',
      address: readSetting(db, KEYS.address) ?? '',
      anyNetwork: readSetting(db, KEYS.anyNetwork) === 'true',
    },
    topMsg: readSetting(db, KEYS.topMsg) ?? '',
    btmMsg: readSetting(db, KEYS.btmMsg) ?? '',
    logo: readSetting(db, KEYS.logo) || null,
  };
}

export function writePrintingSettings(db: LedgerDb, settings: PrintingSettings): void {
  db.transaction(() => {
    writeSetting(db, KEYS.paperWidth, String(settings.paperWidth));
    writeSetting(db, KEYS.kind, settings.printer.kind);
    writeSetting(db, KEYS.address, settings.printer.address);
    writeSetting(db, KEYS.anyNetwork, String(settings.printer.anyNetwork));
    writeSetting(db, KEYS.topMsg, settings.topMsg);
    writeSetting(db, KEYS.btmMsg, settings.btmMsg);
    writeSetting(db, KEYS.logo, settings.logo ?? '');
  });
}

export function readStorePhone(db: LedgerDb): string | null {
  return readSetting(db, 'store.phone') || null;
}

/** Where jobs go; null when no printer is set up. */
export function printerTarget(printer: PrintingSettings['printer']): PrinterTarget | null {
  switch (printer.kind) {
    case 'tcp': {
      const [host = '', port] = printer.address.split(':');
      return { kind: 'tcp', host, port: port ? Number(port) : RAW_PRINT_PORT, anyNetwork: printer.anyNetwork };
    }
    case 'device':
      return { kind: 'device', path: printer.address };
    case 'system':
      return { kind: 'system', name: printer.address };
    case 'none':
      return null;
  }
}

export function rollPaper(width: PaperWidth): 'roll58' | 'roll80' {
  return width === 58 ? 'roll58' : 'roll80';
}
