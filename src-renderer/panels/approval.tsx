import { roleAllows, type UserSummary } from '../../src-shared/api';
import type { ApiClient } from '../api/client';
import { approvalFor, type Cart } from '../till/cart';
import { useI18n } from '../i18n';

/** A cashier's discounts and price changes need a supervisor's or manager's PIN at the till. */
export function needsApproval(user: UserSummary): boolean {
  return !roleAllows(user.role, 'supervisor');
}

/** A supervisor's approval of the cart as it will be sold: what it takes off, and no more. */
export async function approve(api: ApiClient, pin: string, cart: Cart): Promise<string> {
  const { approval } = await api.call('session.authorize', { pin, ...approvalFor(cart) });
  return approval;
}

export function ApprovalField({ pin, onChange }: { pin: string; onChange: (pin: string) => void }) {
  const { t } = useI18n();
  return (
    <label className="field approval">
      <span>{t('approval.pin')}</span>
      <small>{t('approval.why')}</small>
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        data-testid="approval-pin"
        data-scanner="off"
        value={pin}
        onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, 8))}
      />
    </label>
  );
}
