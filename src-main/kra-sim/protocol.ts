/**
 * What the simulator's admin endpoints (under /__sim/) take and give, shared by the server and the
 * launcher's client. Types only, plus the paths and the line the CLI prints when it listens.
 */
import type { TaxTypeCode } from '../../src-shared/etims/codes';

export type InvoiceScope = 'branch' | 'tin';
export type DuplicateReply = '994' | 'sequence' | 'echo';

export interface SimConfig {
  /** Whether invcNo (and purchase invcNo, sarNo) run per (tin, bhfId) or per tin. */
  invoiceScope: InvoiceScope;
  /** The answer to an invcNo KRA already accepted. */
  duplicateReply: DuplicateReply;
  /** Gateway-like validation (spec 4.3); the direct profile's default is lenient. */
  strict: boolean;
  /** Percent per tax class, served in the code list and required of strict sales; null: the list lacks the class. */
  taxRates: Record<TaxTypeCode, number | null>;
  /**
   * What selectCodeList says where it differs from taxRates, which validation demands (KRA's sandbox
   * and its own list disagreed on E, spec 13.2); empty by default.
   */
  codeListRates: Partial<Record<TaxTypeCode, number | null>>;
  /** HTTP status of a gateway rejection: 400, or 200 wrapping responseCode 400 (spec 1.4). */
  gatewayRejectionStatus: 400 | 200;
}

export type SimConfigPatch = Partial<Omit<SimConfig, 'taxRates'>> & { taxRates?: Partial<Record<TaxTypeCode, number | null>> };

export type FaultKind = 'latency' | 'reset' | 'http' | 'nonJson' | 'result999' | 'tryAgain' | 'lostResponse' | 'down';

export interface FaultSpec {
  kind: FaultKind;
  latencyMs?: number;
  /** Latency is drawn (from the seed) between latencyMs and latencyMaxMs. */
  latencyMaxMs?: number;
  status?: 500 | 502 | 504;
  /** Direct endpoint names (and 'token'); default: every KRA endpoint except the token. */
  endpoints?: string[];
  /** Only the next N matching calls. */
  count?: number;
  /** Only this share of matching calls, drawn from the seed. */
  fraction?: number;
  /** For this long in simulated time from now. */
  forMs?: number;
}

export interface AcceptedSale {
  invcNo: number;
  orgInvcNo: number;
  rcptTyCd: 'S' | 'R';
  trdInvcNo: string;
  totAmt: number;
  curRcptNo: number;
  totRcptNo: number;
  rcptSign: string;
  intrlData: string;
  /** YYYYMMDDhhmmss, Nairobi. */
  sdcDateTime: string;
  /** ISO instant on the simulator's clock. */
  receivedAt: string;
  body: Record<string, unknown>;
}

export interface SimStats {
  requests: number;
  byEndpoint: Record<string, number>;
}

export const ADMIN = '/__sim/';

export const READY_LINE = /^KRA simulator at (http:\/\/127\.0\.0\.1:\d+)$/;

export function readyLine(url: string): string {
  return `KRA simulator at ${url}`;
}
