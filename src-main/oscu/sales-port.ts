/** The outbox's calls to KRA (src-main/sync/port.ts), made with the OSCU client of the device in use. */
import type { Clock } from '../../src-shared/clock';
import { toKraDateTime } from '../../src-shared/etims/time';
import type { SaleRequest } from '../../src-shared/etims/wire';
import type { SalesPort } from '../sync/port';
import { lookupOutcome, sendOutcome } from './classify';
import type { OscuClient } from './client';

export function salesPort(client: OscuClient, clock: Clock): SalesPort {
  return {
    // The payload is sale-body.ts's frozen body plus the invcNo the worker assigned.
    send: async (payload) => sendOutcome(await client.saveTrnsSalesOsdc(payload as unknown as SaleRequest)),
    lookup: async (invcNo) => lookupOutcome(await client.selectInvoiceDetails({ invcNo })),
    ping: async () => {
      // Notices since now: usually 001, the smallest answer KRA gives.
      const result = await client.selectNoticeList({ lastReqDt: toKraDateTime(clock.now()) });
      return !result.ok && result.kind === 'transport' ? { kind: 'transport', code: result.code, message: result.message } : { kind: 'answered' };
    },
  };
}
