import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch } from 'react';
import { roleAllows, type CatalogItem, type CompletedSale, type RecalledCart, type SyncStatus, type UserSummary } from '../../src-shared/api';
import { TaxError, type PricedInvoice } from '../../src-shared/tax';
import type { ApiClient } from '../api/client';
import { ActionBar, type ActionButton } from '../components/ActionBar';
import { CartView } from '../components/CartView';
import { QuickKeys } from '../components/QuickKeys';
import { SearchBox } from '../components/SearchBox';
import { TillHeader } from '../components/TillHeader';
import { TotalBox } from '../components/TotalBox';
import { useScanner, useWindowKeys } from '../hooks';
import { useI18n } from '../i18n';
import { CustomerPanel } from '../panels/CustomerPanel';
import { DiscountPanel } from '../panels/DiscountPanel';
import { HoldPanel } from '../panels/HoldPanel';
import { ManagerPanel } from '../panels/ManagerPanel';
import { MyPinPanel } from '../panels/MyPinPanel';
import { PaymentPanel, type Tender } from '../panels/PaymentPanel';
import { QuantityPanel } from '../panels/QuantityPanel';
import { RecallPanel } from '../panels/RecallPanel';
import { VoidPanel } from '../panels/VoidPanel';
import { priceCart, selectedLine, type Cart, type CartAction, type Customer } from '../till/cart';
import { ACTION_KEYS, actionForKey, TENDER_KEYS, tenderForKey, type TenderKind, type TillAction } from '../till/keys';
import { formatLimit } from '../till/kra-status';
import { DayScreen } from '../shift/DayScreen';
import { ReceiptScreen, type FinishedSale } from './ReceiptScreen';
import { StaffScreen } from './StaffScreen';

type PanelName = Exclude<TillAction, 'search' | 'logout' | 'day' | 'staff'> | 'manager' | 'myPin';

interface Notice {
  tone: 'error' | 'info';
  text: string;
  /** Says sales are stopped: it goes once KRA answers again. */
  whileBlocked?: boolean;
}

function priceOrNull(cart: Cart): PricedInvoice | null {
  try {
    return priceCart(cart);
  } catch (error) {
    if (error instanceof TaxError) return null;
    throw error;
  }
}

/** Sales signed by KRA while this till is open, so a receipt on screen turns from provisional at once. */
function useSignedSales(api: ApiClient): ReadonlySet<number> {
  const [signed, setSigned] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => api.on('sale.signed', ({ saleId }) => setSigned((current) => new Set(current).add(saleId))), [api]);
  return signed;
}

export function TillScreen({
  api,
  user,
  cart,
  dispatch,
  sync,
  onLogout,
}: {
  api: ApiClient;
  user: UserSummary;
  cart: Cart;
  dispatch: Dispatch<CartAction>;
  sync: { status: SyncStatus | null; refresh: () => void };
  onLogout: () => Promise<void>;
}) {
  const { t, describeError } = useI18n();
  const [panel, setPanel] = useState<PanelName | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [finished, setFinished] = useState<FinishedSale | null>(null);
  const [staffOpen, setStaffOpen] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const scans = useRef<Promise<void>>(Promise.resolve());
  const signed = useSignedSales(api);
  const [day, setDay] = useState(false);
  const shiftOpen = useShiftOpen(api, day);
  const priced = useMemo(() => priceOrNull(cart), [cart]);
  const line = selectedLine(cart);
  const blocked = sync.status?.state === 'blocked';
  const total = priced?.total ?? 0;

  const showError = useCallback((error: unknown) => setNotice({ tone: 'error', text: describeError(error) }), [describeError]);
  const focusSearch = () => searchInput.current?.focus();
  const closePanel = () => {
    setPanel(null);
    focusSearch();
  };
  const addItem = (item: CatalogItem) => {
    dispatch({ type: 'add', item });
    setNotice(null);
  };

  useScanner((code) => {
    if (day) return;
    if (panel === 'pay') return setNotice({ tone: 'error', text: t('pay.scanDuringPay') });
    setFinished(null);
    scans.current = scans.current.then(() => api.call('items.lookup', { code }).then(addItem, showError));
  }, !staffOpen);

  const refuse = (key: Parameters<typeof t>[0]) => setNotice({ tone: 'error', text: t(key) });
  const run = (action: TillAction) => {
    setFinished(null);
    setNotice(null);
    switch (action) {
      case 'search':
        return closePanel();
      case 'logout':
        return void onLogout();
      case 'day':
        setPanel(null);
        return setDay(true);
      case 'quantity':
      case 'price':
        if (!line) return refuse('till.selectLineFirst');
        return setPanel(action);
      case 'discount':
      case 'hold':
      case 'void':
        if (cart.lines.length === 0) return refuse('till.cartEmpty');
        return setPanel(action);
      case 'recall':
        if (cart.lines.length > 0) return refuse('recall.cartOpen');
        return setPanel(action);
      case 'pay':
        if (cart.lines.length === 0) return refuse('till.cartEmpty');
        if (blocked) return setNotice({ tone: 'error', text: t('error.WATCHDOG_BLOCKED'), whileBlocked: true });
        if (!priced) return refuse('error.DISCOUNT_EXCEEDS_LINE');
        return setPanel(action);
      case 'customer':
        return setPanel(action);
      case 'staff':
        if (!roleAllows(user.role, 'manager')) return refuse('error.FORBIDDEN');
        setPanel(null);
        return setStaffOpen(true);
    }
  };

  useWindowKeys((event) => {
    if (event.defaultPrevented || staffOpen) return;
    const action = actionForKey(event.key);
    if (day) {
      if (action === 'logout') run('logout');
      else if (event.key === 'Escape' || action === 'day') setDay(false);
      else return;
      return event.preventDefault();
    }
    if (panel === 'pay' && (tenderForKey(event.key) || event.key === ACTION_KEYS.pay)) return;
    if (action) run(action);
    else if (event.key === 'Enter' && finished) setFinished(null);
    else if (event.key === 'Escape' && panel) closePanel();
    else if (finished || panel || isTyping(event.target)) return;
    else if (event.key === 'Delete' && line) dispatch({ type: 'remove', lineId: line.id });
    else if (event.key === 'ArrowDown') dispatch({ type: 'move', by: 1 });
    else if (event.key === 'ArrowUp') dispatch({ type: 'move', by: -1 });
    else return;
    event.preventDefault();
  });

  useEffect(() => {
    if (!panel && !finished && !day && !staffOpen) focusSearch();
  }, [panel, finished, day, staffOpen]);

  useEffect(() => {
    if (!blocked) setNotice((current) => (current?.whileBlocked ? null : current));
  }, [blocked]);

  const onPaid = (sale: CompletedSale, tenders: Tender[], customer: Customer | undefined) => {
    dispatch({ type: 'clear' });
    setPanel(null);
    setFinished({ sale, tenders, customer });
    sync.refresh();
  };
  const onRecalled = (recalled: RecalledCart) => {
    dispatch({ type: 'load', cart: recalled.cart, items: recalled.items });
    const missing = recalled.items.length < new Set(recalled.cart.lines.map((l) => l.itemCode)).size;
    setNotice({ tone: missing ? 'error' : 'info', text: t(missing ? 'recall.missing' : 'recall.done', { label: recalled.label }) });
    closePanel();
  };

  const buttons: ActionButton[] = [
    ...(panel === 'pay'
      ? TENDER_BUTTONS
      : [
          { key: ACTION_KEYS.quantity, label: 'action.quantity', onPress: () => run('quantity') } as const,
          { key: ACTION_KEYS.discount, label: 'action.discount', onPress: () => run('discount') } as const,
          { key: ACTION_KEYS.price, label: 'action.price', onPress: () => run('price') } as const,
        ]),
    { key: ACTION_KEYS.customer, label: 'action.customer', onPress: () => run('customer') },
    { key: ACTION_KEYS.hold, label: 'action.hold', onPress: () => run('hold') },
    { key: ACTION_KEYS.recall, label: 'action.recall', onPress: () => run('recall') },
    { key: ACTION_KEYS.void, label: 'action.void', onPress: () => run('void') },
    panel === 'pay'
      ? { key: ACTION_KEYS.pay, label: 'pay.take', onPress: () => pressKey(ACTION_KEYS.pay), primary: true }
      : { key: ACTION_KEYS.pay, label: 'action.pay', onPress: () => run('pay'), primary: true, disabled: blocked || cart.lines.length === 0 },
  ];

  const header = (
    <TillHeader
      user={user}
      onLogout={() => run('logout')}
      onDay={() => run('day')}
      onManager={() => setPanel('manager')}
      onMyPin={() => setPanel('myPin')}
      onStaff={() => run('staff')}
    />
  );
  if (staffOpen) {
    return (
      <section className="till" aria-label={t('staff.title')}>
        {header}
        <StaffScreen api={api} user={user} onClose={() => setStaffOpen(false)} />
      </section>
    );
  }

  return (
    <section className="till" aria-label={t('till.title')}>
      {header}
      {shiftOpen === false && !day && (
        <div className="shift-banner" role="status" data-testid="no-shift-banner">
          {t('shift.needed')}
        </div>
      )}
      {blocked && (
        <div className="blocked-banner" role="alert" data-testid="blocked-banner">
          <strong>{t('status.blocked')}</strong> {t('status.blockedHelp', { limit: formatLimit(sync.status?.offlineLimitSeconds ?? 0) })}
        </div>
      )}
      {day ? (
        <DayScreen api={api} user={user} onClose={() => setDay(false)} />
      ) : finished ? (
        <ReceiptScreen api={api} finished={finished} signed={signed.has(finished.sale.saleId)} onNewSale={() => setFinished(null)} />
      ) : (
        <div className="till-body">
          <div className="till-left">
            <SearchBox api={api} inputRef={searchInput} onPick={addItem} onProblem={showError} />
            {notice && (
              <p className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="notice">
                {notice.text}
              </p>
            )}
            <CartView cart={cart} priced={priced} dispatch={dispatch} />
          </div>
          <div className="till-right">
            <TotalBox cart={cart} priced={priced} />
            {panel === null && <QuickKeys api={api} onPick={addItem} />}
            {panel === 'quantity' && line && <QuantityPanel key={line.id} line={line} dispatch={dispatch} onDone={closePanel} />}
            {(panel === 'discount' || panel === 'price') && (
              <DiscountPanel key={panel} mode={panel} api={api} user={user} cart={cart} line={line} dispatch={dispatch} onDone={closePanel} />
            )}
            {panel === 'customer' && <CustomerPanel cart={cart} dispatch={dispatch} onDone={closePanel} />}
            {panel === 'myPin' && (
              <MyPinPanel
                api={api}
                onClose={closePanel}
                onChanged={() => {
                  setNotice({ tone: 'info', text: t('myPin.done') });
                  closePanel();
                }}
              />
            )}
            {panel === 'hold' && (
              <HoldPanel
                api={api}
                cart={cart}
                onClose={closePanel}
                onHeld={(label) => {
                  dispatch({ type: 'clear' });
                  setNotice({ tone: 'info', text: t('hold.done', { label }) });
                  closePanel();
                }}
              />
            )}
            {panel === 'recall' && <RecallPanel api={api} onRecalled={onRecalled} onClose={closePanel} />}
            {panel === 'manager' && <ManagerPanel api={api} onClose={closePanel} />}
            {panel === 'void' && (
              <VoidPanel
                api={api}
                cart={cart}
                onClose={closePanel}
                onVoided={() => {
                  dispatch({ type: 'clear' });
                  setNotice({ tone: 'info', text: t('void.done') });
                  closePanel();
                }}
              />
            )}
            {panel === 'pay' && (
              <PaymentPanel api={api} cart={cart} total={total} dispatch={dispatch} onPaid={onPaid} onBlocked={sync.refresh} onClose={closePanel} />
            )}
          </div>
        </div>
      )}
      {!day && <ActionBar buttons={buttons} />}
    </section>
  );
}

/** Whether the till has an open shift, asked again each time the shift screen closes. */
function useShiftOpen(api: ApiClient, dayOpen: boolean): boolean | null {
  const [open, setOpen] = useState<boolean | null>(null);
  useEffect(() => {
    if (dayOpen) return;
    api.call('shift.current', {}).then(({ shift }) => setOpen(shift !== null), () => setOpen(null));
  }, [api, dayOpen]);
  return open;
}

/** While paying, the keys that choose tenders; each button presses its key, as the cashier would. */
const TENDER_BUTTONS: ActionButton[] = (Object.keys(TENDER_KEYS) as TenderKind[]).map((kind) => ({
  key: TENDER_KEYS[kind],
  label: `tender.${kind}`,
  onPress: () => pressKey(TENDER_KEYS[kind]),
}));

function pressKey(key: string): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { key, cancelable: true }));
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement && target.value !== '';
}
