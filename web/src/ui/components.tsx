/** The building blocks of every screen: labelled fields with their errors, buttons, notices. */
import {
  useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import {
  AUDIT_STATUS_LABELS, CONCLUSION_LABELS, SEVERITY_LABELS, type AuditStatus, type Conclusion, type Severity,
} from '../../../src/audit/vocabulary';
import { ApiError } from '../api';
import { runReportRequest } from '../features';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { generalMessages, type FieldErrors } from '../validation';

export interface FieldControlProps {
  id: string;
  name: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
}

interface FieldProps {
  label: ReactNode;
  name: string;
  errors?: FieldErrors;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: (props: FieldControlProps) => ReactNode;
}

/** A label, the control, a hint and the field's own error messages (announced to screen readers). */
export function Field({ label, name, errors, hint, required, className, children }: FieldProps) {
  const { t } = useI18n();
  const id = `f-${useId().replace(/:/g, '')}-${name.replace(/[^\w-]/g, '_')}`;
  const messages = errors?.[name] ?? [];
  const describedBy = [hint ? `${id}-hint` : '', messages.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${messages.length ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`} data-field={name}>
      <label htmlFor={id} className="field__label">
        {label}
        {required ? <span className="field__req">{t('required')}</span> : null}
      </label>
      {children({ id, name, 'aria-invalid': messages.length ? true : undefined, 'aria-describedby': describedBy, 'aria-required': required || undefined })}
      {hint ? <div id={`${id}-hint`} className="field__hint">{hint}</div> : null}
      {messages.length ? (
        <div id={`${id}-err`} className="field__error" role="alert">
          {messages.map((m, i) => <div key={i}>{m}</div>)}
        </div>
      ) : null}
    </div>
  );
}

type Base = { label: ReactNode; name: string; errors?: FieldErrors; hint?: ReactNode; required?: boolean; className?: string };

export function TextField({ label, name, errors, hint, required, className, ...input }: Base & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  return (
    <Field label={label} name={name} errors={errors} hint={hint} required={required} className={className}>
      {(p) => <input className="input" {...p} {...input} />}
    </Field>
  );
}

export function TextAreaField({ label, name, errors, hint, required, className, ...area }: Base & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  return (
    <Field label={label} name={name} errors={errors} hint={hint} required={required} className={className}>
      {(p) => <textarea className="input textarea" rows={3} {...p} {...area} />}
    </Field>
  );
}

export function SelectField({ label, name, errors, hint, required, className, children, ...select }: Base & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>) {
  return (
    <Field label={label} name={name} errors={errors} hint={hint} required={required} className={className}>
      {(p) => <select className="input select" {...p} {...select}>{children}</select>}
    </Field>
  );
}

/** A group of radio buttons in a fieldset with a legend. */
export function RadioGroup<T extends string>({
  legend, name, value, options, onChange, errors, disabled, className,
}: {
  legend: ReactNode; name: string; value: T | null; options: { value: T; label: ReactNode; hint?: ReactNode }[];
  onChange(value: T): void; errors?: FieldErrors; disabled?: boolean; className?: string;
}) {
  const id = useId().replace(/:/g, '');
  const messages = errors?.[name] ?? [];
  return (
    <fieldset className={`fieldset${messages.length ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`} data-field={name} aria-describedby={messages.length ? `${id}-err` : undefined}>
      <legend className="field__label">{legend}</legend>
      <div className="radios">
        {options.map((o) => (
          <label key={o.value} className={`radio${value === o.value ? ' radio--checked' : ''}`}>
            <input type="radio" name={`${name}-${id}`} value={o.value} checked={value === o.value} disabled={disabled} onChange={() => onChange(o.value)} />
            <span>
              {o.label}
              {o.hint ? <small className="radio__hint">{o.hint}</small> : null}
            </span>
          </label>
        ))}
      </div>
      {messages.length ? <div id={`${id}-err`} className="field__error" role="alert">{messages.map((m, i) => <div key={i}>{m}</div>)}</div> : null}
    </fieldset>
  );
}

export function Button({
  busy, variant = 'primary', children, className, disabled, ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; variant?: 'primary' | 'secondary' | 'danger' | 'ghost' }) {
  return (
    <button type="button" className={`btn btn--${variant}${className ? ` ${className}` : ''}`} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy ? <Spinner small /> : null}
      {children}
    </button>
  );
}

export function Spinner({ small, label }: { small?: boolean; label?: string }) {
  return <span className={`spinner${small ? ' spinner--small' : ''}`} role={label ? 'status' : undefined} aria-label={label} />;
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <Spinner />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}

/** Progress of long work (sync, offline download, report rendering). */
export function ProgressBar({ value, max, label }: { value?: number; max?: number; label: string }) {
  const indeterminate = value === undefined || !max;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={indeterminate ? undefined : value}>
      <div className="progress__label">{label}</div>
      <div className="progress__track">
        <div className={`progress__bar${indeterminate ? ' progress__bar--indeterminate' : ''}`} style={indeterminate ? undefined : { width: `${Math.round((100 * value) / max)}%` }} />
      </div>
    </div>
  );
}

export function Alert({ kind = 'info', title, children, role }: { kind?: 'info' | 'success' | 'warning' | 'error'; title?: ReactNode; children?: ReactNode; role?: string }) {
  return (
    <div className={`alert alert--${kind}`} role={role ?? (kind === 'error' ? 'alert' : 'status')}>
      {title ? <div className="alert__title">{title}</div> : null}
      {children ? <div className="alert__body">{children}</div> : null}
    </div>
  );
}

/** The errors of a failed request that belong to no field, in the chosen language. */
export function ErrorSummary({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  const { lang, t } = useI18n();
  if (!error) return null;
  const messages = generalMessages(error, lang, fields);
  if (!messages.length) return null;
  return (
    <Alert kind="error" title={t('errorTitle')}>
      {messages.length === 1 ? messages[0] : <ul className="plain-list">{messages.map((m, i) => <li key={i}>{m}</li>)}</ul>}
    </Alert>
  );
}

export function Section({ title, actions, children, id, className }: { title: ReactNode; actions?: ReactNode; children: ReactNode; id?: string; className?: string }) {
  const headingId = useId().replace(/:/g, '');
  return (
    <section className={`card${className ? ` ${className}` : ''}`} aria-labelledby={headingId} id={id}>
      <header className="card__head">
        <h2 id={headingId} className="card__title">{title}</h2>
        {actions ? <div className="card__actions">{actions}</div> : null}
      </header>
      <div className="card__body">{children}</div>
    </section>
  );
}

export function PageHeader({ title, subtitle, actions, crumbs }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; crumbs?: { to: string; label: ReactNode }[] }) {
  return (
    <div className="page-head">
      {crumbs?.length ? (
        <nav className="crumbs" aria-label="breadcrumb">
          {crumbs.map((c, i) => (
            <span key={i}>
              <Link to={c.to}>{c.label}</Link>
              <span aria-hidden="true"> › </span>
            </span>
          ))}
        </nav>
      ) : null}
      <div className="page-head__row">
        <div>
          <h1 className="page-title">{title}</h1>
          {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
        </div>
        {actions ? <div className="page-head__actions">{actions}</div> : null}
      </div>
    </div>
  );
}

const STATUS_TONE: Record<AuditStatus, string> = {
  planned: 'grey', documents_requested: 'blue', document_review: 'blue', fieldwork: 'indigo', results_agreement: 'amber',
  reported: 'amber', remediation: 'orange', verified: 'teal', published: 'green', cancelled: 'muted',
};

export function StatusBadge({ status }: { status: AuditStatus }) {
  const { L } = useI18n();
  return <span className={`badge badge--${STATUS_TONE[status]}`} data-status={status}>{L(AUDIT_STATUS_LABELS[status])}</span>;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { L } = useI18n();
  return <span className={`badge badge--sev-${severity}`}>{L(SEVERITY_LABELS[severity])}</span>;
}

export function ConclusionBadge({ conclusion }: { conclusion: Conclusion | null }) {
  const { L, t } = useI18n();
  if (!conclusion) return <span className="badge badge--muted">{t('noConclusion')}</span>;
  return <span className={`badge badge--concl-${conclusion}`}>{L(CONCLUSION_LABELS[conclusion])}</span>;
}

export function Badge({ tone = 'grey', children, title }: { tone?: string; children: ReactNode; title?: string }) {
  return <span className={`badge badge--${tone}`} title={title}>{children}</span>;
}

/** A modal dialog: focus moves in, Escape closes, focus returns to where it was. */
export function Dialog({ title, open, onClose, children, footer }: { title: ReactNode; open: boolean; onClose(): void; children: ReactNode; footer?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId().replace(/:/g, '');
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement as HTMLElement | null;
    const node = ref.current;
    const first = node?.querySelector<HTMLElement>('textarea, input, select, button:not([data-close])');
    (first ?? node)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      if (e.key === 'Tab' && node) {
        const focusables = [...node.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])')].filter((el) => !el.hasAttribute('disabled'));
        if (!focusables.length) return;
        const [a, z] = [focusables[0], focusables[focusables.length - 1]];
        if (e.shiftKey && document.activeElement === a) {
          e.preventDefault();
          z.focus();
        } else if (!e.shiftKey && document.activeElement === z) {
          e.preventDefault();
          a.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      before?.focus?.();
    };
  }, [open, onClose]);
  if (!open) return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref} tabIndex={-1}>
        <div className="dialog__head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="dialog__close" onClick={onClose} aria-label="×" data-close>×</button>
        </div>
        <div className="dialog__body">{children}</div>
        {footer ? <div className="dialog__foot">{footer}</div> : null}
      </div>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Tabs({ items, current }: { items: { to: string; label: ReactNode; key: string; badge?: ReactNode }[]; current: string }) {
  return (
    <nav className="tabs" aria-label="tabs">
      {items.map((item) => (
        <Link key={item.key} to={item.to} className={`tab${current === item.key ? ' tab--current' : ''}`} aria-current={current === item.key ? 'page' : undefined}>
          {item.label}
          {item.badge ? <span className="tab__badge">{item.badge}</span> : null}
        </Link>
      ))}
    </nav>
  );
}

/** A definition list of label/value pairs. */
export function Facts({ rows }: { rows: [ReactNode, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([k, v], i) => (
        <div key={i} className="facts__row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A button that downloads a file the server builds (xlsx, csv…) under the server's file name, with a spinner while it is built. */
export function DownloadButton({ url, children, variant = 'secondary', testId }: { url: string; children: ReactNode; variant?: 'primary' | 'secondary' | 'ghost'; testId?: string }) {
  const { t, L } = useI18n();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      const r = await runReportRequest('GET', url);
      setDone(r.downloaded ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="dlbtn">
      <Button variant={variant} busy={busy} onClick={() => void run()} data-testid={testId}>{children}</Button>
      {done ? <span className="ok-text small" role="status">{t('downloadedFile', { name: done })}</span> : null}
      {error ? <span className="inline-error" role="alert">{error instanceof ApiError ? L(error.bilingual) : t('networkError')}</span> : null}
    </span>
  );
}
