/**
 * The tax rate of each class in this environment: the rate KRA's code list (cdCls 04) gives it, or a
 * manager's override where KRA's list and KRA's validation disagree (the sandbox listed E at 8% and
 * demanded taxRtE 0, spec 13.2). Never a built-in table: a class neither lists is not sold.
 */
import { ApiError, type KraMode, type TaxRateEntry } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { TAX_CLASSES, type TaxClass, type TaxRates } from '../../src-shared/tax';
import { sessionOf, type Handlers } from '../api/handlers';
import { appendAudit } from '../ledger/audit';
import type { LedgerDb, LedgerWriter } from '../ledger/open';
import { readSetting, writeSetting } from '../ledger/settings';
import { taxRatesFromLedger } from './master-data';

const overridesKey = (environment: KraMode) => `tax.rateOverrides.${environment}`;

function overridesOf(db: LedgerWriter, environment: KraMode): TaxRates {
  const saved = readSetting(db, overridesKey(environment));
  return saved ? (JSON.parse(saved) as TaxRates) : {};
}

/** What an invoice of this environment is taxed at: KRA's list, then the overrides on top. */
export function environmentTaxRates(db: LedgerDb, environment: KraMode): TaxRates {
  return { ...(taxRatesFromLedger(db) ?? {}), ...overridesOf(db, environment) };
}

/** Selling (or buying) in a class this environment has no rate for. */
export function classNotListed(taxClass: TaxClass, name: string, field: string): ApiError {
  return new ApiError(
    'TAX_CLASS_NOT_LISTED',
    `${field}: ${name} is in tax class ${taxClass}, which KRA's code list for this till's environment does not carry; it cannot be taxed until KRA lists class ${taxClass} or a manager sets its rate`,
    { field, params: { name, taxClass } },
  );
}

function entries(db: LedgerDb, environment: KraMode): TaxRateEntry[] {
  const listed = taxRatesFromLedger(db) ?? {};
  const overrides = overridesOf(db, environment);
  return TAX_CLASSES.map((taxClass) => ({
    taxClass,
    kraRate: listed[taxClass] ?? null,
    override: overrides[taxClass] ?? null,
    rate: overrides[taxClass] ?? listed[taxClass] ?? null,
  }));
}

export function taxRateHandlers(deps: { db: LedgerDb; clock: Clock; environment: KraMode }): Handlers<'taxRates.list' | 'taxRates.override'> {
  const { db, clock, environment } = deps;
  return {
    'taxRates.list': () => entries(db, environment),
    'taxRates.override': ({ taxClass, rate, reason }, ctx) => {
      const user = sessionOf(ctx).user;
      const kraRate = (taxRatesFromLedger(db) ?? {})[taxClass] ?? null;
      db.transaction((tx) => {
        const overrides = overridesOf(tx, environment);
        const before = overrides[taxClass] ?? null;
        if (rate === null) delete overrides[taxClass];
        else overrides[taxClass] = rate;
        writeSetting(tx, overridesKey(environment), JSON.stringify(overrides));
        appendAudit(tx, { at: clock.now(), userId: user.id, action: 'taxRate.overridden', detail: { environment, taxClass, from: before, to: rate, kraRate, reason } });
      });
      return entries(db, environment);
    },
  };
}
