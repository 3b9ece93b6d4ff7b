/**
 * Buyers: a PIN looked up with KRA (selectCustomer, spec 2.6) and customers saved on this till and
 * with KRA (saveBhfCustomer, spec 2.7). Offline, a customer is kept here, marked unsent.
 */
import { ApiError, type SavedCustomer, type TaxpayerLookup } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import type { BranchCustomerRequest, TaxpayerRecord } from '../../src-shared/etims/wire';
import { sessionOf, type Handlers } from '../api/handlers';
import { customerByTin, newCustomerNo, saveCustomer, unsentCustomers, type CustomerRow } from '../ledger/customers';
import type { LedgerDb } from '../ledger/open';
import type { OscuClient } from '../oscu/client';

export interface CustomerDeps {
  db: LedgerDb;
  clock: Clock;
  /** The device's KRA client; null while the till has no device. */
  client: () => OscuClient | null;
}

export function customerHandlers(deps: CustomerDeps): Handlers<'customers.lookup' | 'customers.save'> {
  const { db, clock } = deps;
  const clientOrFail = () => {
    const client = deps.client();
    if (!client) throw new ApiError('DEVICE_NOT_INITIALISED', 'this till has no KRA device yet: register it before talking to KRA');
    return client;
  };
  return {
    'customers.lookup': async ({ tin }) => {
      const answer = await clientOrFail().selectCustomer({ custmTin: tin });
      if (answer.ok) {
        const record = answer.data.custList.find((c) => c.tin === tin) ?? answer.data.custList[0];
        if (record) return taxpayer(record);
      }
      if (answer.ok || answer.kind === 'empty') {
        throw new ApiError('CUSTOMER_NOT_FOUND', `tin: KRA knows no taxpayer with PIN ${tin}; check the PIN with the customer`, { field: 'tin', params: { tin } });
      }
      if (answer.kind === 'transport') throw unreachable(answer.message);
      throw rejected(answer.code, answer.message);
    },
    'customers.save': async (input, ctx) => {
      const client = clientOrFail();
      const user = sessionOf(ctx).user;
      const existing = customerByTin(db, input.tin);
      const customerNo = existing?.customerNo ?? newCustomerNo(db);
      const row: CustomerRow = {
        customerNo,
        tin: input.tin,
        name: input.name,
        address: input.address || null,
        phone: input.phone || null,
        email: input.email || null,
        remark: input.remark || null,
        sentToKra: true,
        lastError: null,
        savedAt: clock.now().toISOString(),
      };
      const answer = await client.saveBhfCustomer(customerRequest(row, { id: String(user.id), name: user.name }));
      if (!answer.ok && answer.kind === 'rejected') throw rejected(answer.code, answer.message);
      const sent = answer.ok || answer.kind === 'empty';
      const saved = saveCustomer(db, sent ? row : { ...row, sentToKra: false, lastError: answer.message });
      return summary(saved);
    },
  };
}

/**
 * Sends again the customers KRA could not be reached for, oldest first; stops at the first transport
 * failure. A refusal stays unsent with KRA's words, for a person to correct and save again.
 */
export async function resendUnsentCustomers(deps: CustomerDeps): Promise<{ sent: number; left: number }> {
  const client = deps.client();
  const waiting = unsentCustomers(deps.db);
  if (!client) return { sent: 0, left: waiting.length };
  let sent = 0;
  for (const row of waiting) {
    const answer = await client.saveBhfCustomer(customerRequest(row, SYSTEM_REGISTRAR));
    if (!answer.ok && answer.kind === 'transport') break;
    if (!answer.ok && answer.kind === 'rejected') {
      saveCustomer(deps.db, { ...row, lastError: `${answer.code} ${answer.message}` });
      continue;
    }
    saveCustomer(deps.db, { ...row, sentToKra: true, lastError: null });
    sent += 1;
  }
  return { sent, left: waiting.length - sent };
}

const SYSTEM_REGISTRAR = { id: 'mauzo', name: 'Mauzo' };

function customerRequest(row: CustomerRow, registrar: { id: string; name: string }): BranchCustomerRequest {
  return {
    custNo: row.customerNo,
    custTin: row.tin,
    custNm: row.name,
    adrs: row.address,
    telNo: row.phone,
    email: row.email,
    faxNo: null,
    remark: row.remark,
    useYn: 'Y',
    regrId: registrar.id,
    regrNm: registrar.name,
    modrId: registrar.id,
    modrNm: registrar.name,
  };
}

function taxpayer(record: TaxpayerRecord): TaxpayerLookup {
  return {
    tin: record.tin,
    name: record.taxprNm,
    status: record.taxprSttsCd,
    location: { county: record.prvncNm, subCounty: record.dstrtNm, locality: record.sctrNm, description: record.locDesc },
  };
}

function summary(row: CustomerRow): SavedCustomer {
  const { savedAt: _savedAt, lastError, ...rest } = row;
  return { ...rest, kraError: lastError };
}

function unreachable(reason: string): ApiError {
  return new ApiError('KRA_UNREACHABLE', `KRA could not be reached: ${reason}`, { params: { reason } });
}

function rejected(kraCode: string, kraMessage: string): ApiError {
  return new ApiError('KRA_REJECTED', `KRA refused it (${kraCode}): ${kraMessage}`, { params: { kraCode, kraMessage } });
}
