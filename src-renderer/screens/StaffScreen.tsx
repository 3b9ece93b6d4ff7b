import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { STAFF_ROLES, type BranchUser, type UserSummary } from '../../src-shared/api';
import type { ApiClient } from '../api/client';
import { ActionBar } from '../components/ActionBar';
import { useWindowKeys } from '../hooks';
import { useI18n } from '../i18n';
import { PinInput } from '../panels/MyPinPanel';
import { Problem } from '../panels/Panel';
import { STAFF_KEYS } from '../till/keys';

type StaffRole = (typeof STAFF_ROLES)[number];
type Form = 'create' | 'resetPin' | 'changeRole';

/**
 * A manager's list of the till's staff: add someone with a role and a PIN, give a new PIN to
 * someone who forgot theirs, change a role, deactivate and reactivate. No one is ever deleted:
 * the ledger names them. Arrow keys pick a person, F2-F5 act, Esc goes back.
 */
export function StaffScreen({ api, user, onClose }: { api: ApiClient; user: UserSummary; onClose: () => void }) {
  const { t, describeError } = useI18n();
  const [staff, setStaff] = useState<BranchUser[]>([]);
  const [selected, setSelected] = useState(0);
  const [form, setForm] = useState<Form | null>(null);
  const [notice, setNotice] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const current = staff[selected];

  const refresh = useCallback(() => {
    api.call('users.list', {}).then(setStaff, (error: unknown) => setNotice({ tone: 'error', text: describeError(error) }));
  }, [api, describeError]);
  useEffect(refresh, [refresh]);

  const done = (text: string) => {
    setForm(null);
    setNotice({ tone: 'info', text });
    refresh();
  };
  const toggleActive = async () => {
    if (!current) return;
    try {
      await api.call('users.update', { userId: current.id, active: !current.active });
      done(t(current.active ? 'staff.deactivated' : 'staff.reactivated', { name: current.name }));
    } catch (error) {
      setNotice({ tone: 'error', text: describeError(error) });
    }
  };
  const open = (next: Form) => {
    setNotice(null);
    setForm(next);
  };

  useWindowKeys((event) => {
    if (event.key === 'Escape') {
      if (form) setForm(null);
      else onClose();
    } else if (event.key === STAFF_KEYS.create) open('create');
    else if (event.key === STAFF_KEYS.resetPin && current) open('resetPin');
    else if (event.key === STAFF_KEYS.changeRole && current) open('changeRole');
    else if (event.key === STAFF_KEYS.toggleActive && current) void toggleActive();
    else if (!form && event.key === 'ArrowDown') setSelected((i) => Math.min(staff.length - 1, i + 1));
    else if (!form && event.key === 'ArrowUp') setSelected((i) => Math.max(0, i - 1));
    else return;
    event.preventDefault();
  });

  return (
    <section className="staff-screen" aria-label={t('staff.title')} data-testid="staff-screen">
      <div className="till-body">
        <div className="till-left">
          <h2>{t('staff.title')}</h2>
          {notice && (
            <p className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="staff-notice">
              {notice.text}
            </p>
          )}
          <table className="cart-table" data-testid="staff-list">
            <thead>
              <tr>
                <th>{t('staff.name')}</th>
                <th>{t('staff.role')}</th>
                <th>{t('staff.state')}</th>
                <th>{t('staff.kra')}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((person, i) => (
                <tr key={person.id} className={i === selected ? 'selected' : ''} onClick={() => setSelected(i)} data-testid="staff-row">
                  <td>
                    {person.name} {person.id === user.id ? t('staff.you') : ''}
                  </td>
                  <td>{t(`role.${person.role}`)}</td>
                  <td>{t(person.active ? 'staff.active' : 'staff.inactive')}</td>
                  <td>{person.kra ? t(`staff.kra.${person.kra.state}`) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="till-right">
          {form === 'create' && <CreateForm api={api} onDone={(name, role) => done(t('staff.created', { name, role: t(`role.${role}`) }))} />}
          {form === 'resetPin' && current && (
            <ResetPinForm key={current.id} api={api} person={current} onDone={() => done(t('staff.pinReset', { name: current.name }))} />
          )}
          {form === 'changeRole' && current && (
            <RoleForm key={current.id} api={api} person={current} onDone={(role) => done(t('staff.roleChanged', { name: current.name, role: t(`role.${role}`) }))} />
          )}
        </div>
      </div>
      <ActionBar
        buttons={[
          { key: 'Esc', label: 'staff.back', onPress: onClose },
          { key: STAFF_KEYS.create, label: 'staff.create', onPress: () => open('create') },
          { key: STAFF_KEYS.resetPin, label: 'staff.resetPin', onPress: () => open('resetPin'), disabled: !current },
          { key: STAFF_KEYS.changeRole, label: 'staff.changeRole', onPress: () => open('changeRole'), disabled: !current },
          {
            key: STAFF_KEYS.toggleActive,
            label: current && !current.active ? 'staff.reactivate' : 'staff.deactivate',
            onPress: () => void toggleActive(),
            disabled: !current,
          },
        ]}
      />
    </section>
  );
}

function useSubmit(run: () => Promise<void>): { busy: boolean; problem: string | null; setProblem: (text: string | null) => void; submit: (event: FormEvent) => void } {
  const { describeError } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    run()
      .catch((error: unknown) => setProblem(describeError(error)))
      .finally(() => setBusy(false));
  };
  return { busy, problem, setProblem, submit };
}

function RoleSelect({ value, onChange, autoFocus }: { value: StaffRole; onChange: (role: StaffRole) => void; autoFocus?: boolean }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t('staff.role')}</span>
      <select className="big-input" data-testid="staff-role" autoFocus={autoFocus} value={value} onChange={(event) => onChange(event.target.value as StaffRole)}>
        {STAFF_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function CreateForm({ api, onDone }: { api: ApiClient; onDone: (name: string, role: StaffRole) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('cashier');
  const [pin, setPin] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit(async () => {
    if (name.trim() === '') return setProblem(t('staff.nameNeeded'));
    if (!/^\d{4,8}$/.test(pin)) return setProblem(t('myPin.short'));
    const created = await api.call('users.create', { name, role, pin });
    onDone(created.name, role);
  });
  return (
    <form className="panel panel-form" onSubmit={submit} data-testid="staff-create" aria-label={t('staff.create')}>
      <h2>{t('staff.create')}</h2>
      <label className="field">
        <span>{t('staff.name')}</span>
        <input className="big-input" data-testid="staff-name" data-scanner="off" autoFocus maxLength={60} value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <RoleSelect value={role} onChange={setRole} />
      <PinInput label={t('staff.pin')} testId="staff-pin" value={pin} onChange={setPin} />
      <Problem text={problem} />
      <button type="submit" className="primary wide" disabled={busy}>
        {t('staff.save')}
      </button>
    </form>
  );
}

function ResetPinForm({ api, person, onDone }: { api: ApiClient; person: BranchUser; onDone: () => void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit(async () => {
    if (!/^\d{4,8}$/.test(pin)) return setProblem(t('myPin.short'));
    await api.call('users.resetPin', { userId: person.id, pin });
    onDone();
  });
  return (
    <form className="panel panel-form" onSubmit={submit} data-testid="staff-reset-pin" aria-label={t('staff.resetPin')}>
      <h2>
        {t('staff.resetPin')}: {person.name}
      </h2>
      <PinInput label={t('staff.pin')} testId="staff-pin" value={pin} onChange={setPin} autoFocus />
      <Problem text={problem} />
      <button type="submit" className="primary wide" disabled={busy}>
        {t('staff.save')}
      </button>
    </form>
  );
}

function RoleForm({ api, person, onDone }: { api: ApiClient; person: BranchUser; onDone: (role: StaffRole) => void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<StaffRole>(person.role === 'installer' ? 'cashier' : person.role);
  const { busy, problem, submit } = useSubmit(async () => {
    await api.call('users.update', { userId: person.id, role });
    onDone(role);
  });
  return (
    <form className="panel panel-form" onSubmit={submit} data-testid="staff-change-role" aria-label={t('staff.changeRole')}>
      <h2>
        {t('staff.changeRole')}: {person.name}
      </h2>
      <RoleSelect value={role} onChange={setRole} autoFocus />
      <Problem text={problem} />
      <button type="submit" className="primary wide" disabled={busy}>
        {t('staff.save')}
      </button>
    </form>
  );
}
