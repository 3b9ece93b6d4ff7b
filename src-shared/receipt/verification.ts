/**
 * KRA's receipt verification URL (spec 5.3): the QR code on a signed receipt encodes it, and KRA's
 * app and portal show the invoice it names once KRA holds it.
 */
import type { ReceiptEnvironment } from './model';

export const VERIFICATION_PATH = '/common/link/etims/receipt/indexEtimsReceiptData?Data=';

const KRA_HOSTS = {
  production: 'https://etims.kra.go.ke',
  sandbox: 'https://etims-sbx.kra.go.ke',
} as const;

/** `Data` is the seller's PIN, branch id and receipt signature run together, with no separators. */
export function qrUrl(environment: ReceiptEnvironment, seller: { pin: string; branchId: string }, signature: string): string {
  const base = environment.kind === 'demo' ? environment.verificationBaseUrl.replace(/\/+$/, '') : KRA_HOSTS[environment.kind];
  return `${base}${VERIFICATION_PATH}${seller.pin}${seller.branchId}${signature}`;
}
