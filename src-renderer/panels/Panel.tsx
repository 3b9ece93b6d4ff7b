import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/** An inline panel beside the cart: the sale stays in view, Esc goes back to scanning. */
export function Panel({ title, testId, onClose, children }: { title: string; testId: string; onClose: () => void; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-label={title} data-testid={testId}>
      <header className="panel-header">
        <h2>{title}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('panel.close')}
        </button>
      </header>
      {children}
    </section>
  );
}

export function Problem({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
