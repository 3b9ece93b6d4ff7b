/** KRA's signature on an accepted sale (saveTrnsSalesOsdc's answer, or selectInvoiceDetails' receipt). */
export interface KraSignature {
  curRcptNo: number;
  totRcptNo: number;
  intrlData: string;
  rcptSign: string;
  /** SCU date-time as KRA sent it, Nairobi time YYYYMMDDhhmmss. */
  sdcDateTime: string;
}

/** What one attempt at KRA came to, as far as the outbox needs to know. */
export type SendOutcome =
  | { kind: 'signed'; signature: KraSignature }
  /** No usable answer (timeout, reset, 5xx, non-JSON, 894/999): KRA may or may not have the sale. */
  | { kind: 'transport'; code: string; message: string }
  /** 994: KRA already holds something under this invcNo. */
  | { kind: 'duplicate'; message: string }
  /** KRA wants another invcNo next. */
  | { kind: 'sequence'; expected: number; message: string }
  /** A business rejection with KRA's reason: retrying the same request cannot succeed. */
  | { kind: 'rejected'; code: string; message: string };

/** What KRA holds under an invcNo: enough to tell whether it is this very sale. */
export interface KraSaleRecord {
  trdInvcNo: string | null;
  cfmDt: string | null;
  totTaxblAmt: number | null;
  totTaxAmt: number | null;
  totAmt: number | null;
  itemList: { itemCd: string | null; qty: number | null; prc: number | null; totAmt: number | null }[];
}

export type LookupOutcome =
  | { kind: 'found'; signature: KraSignature; record: KraSaleRecord }
  | { kind: 'absent' }
  | { kind: 'transport'; code: string; message: string };

export type PingOutcome = { kind: 'answered' } | { kind: 'transport'; code: string; message: string };

/** The KRA calls the outbox makes; the OSCU client implements them for the device in use. */
export interface SalesPort {
  send(payload: Record<string, unknown>): Promise<SendOutcome>;
  lookup(invcNo: number): Promise<LookupOutcome>;
  /** A cheap call that proves KRA answers, made while there is nothing to send. */
  ping(): Promise<PingOutcome>;
}
