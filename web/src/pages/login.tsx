import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useSubmission } from '../hooks';
import { useI18n } from '../i18n';
import { getSession, listOutbox } from '../offline/db';
import { syncAll } from '../offline/sync';
import { Link, navigate } from '../router';
import { Alert, Button, ErrorSummary, TextField } from '../ui/components';
import { Checker } from '../validation';

export function LoginPage({ onLoggedIn, expiredWithPending }: { onLoggedIn: () => Promise<void>; expiredWithPending?: number }) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, error, busy, submit: send, reset } = useSubmission<'login'>(lang);
  // Another person's edits still on this device: logging in as someone else removes them.
  const [other, setOther] = useState<{ name: string; email: string; pending: number } | null>(null);
  const [discardOther, setDiscardOther] = useState(false);
  useEffect(() => {
    void Promise.all([getSession(), listOutbox()]).then(([stored, outbox]) => {
      if (stored && outbox.length) setOther({ name: stored.person.name, email: stored.person.email.toLowerCase(), pending: outbox.length });
    }, () => undefined);
  }, []);
  const switching = !!other && email.trim() !== '' && email.trim().toLowerCase() !== other.email;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = new Checker(lang).required('email', email).email('email', email.trim()).required('password', password);
    if (switching) check.custom('discardOther', discardOther, 'fieldChoose');
    reset(check.errors);
    if (!check.ok) return;
    await send('login', null, async () => {
      await api.post('/api/auth/login', { email: email.trim(), password }, { quiet401: true });
      await onLoggedIn();
      void syncAll();
      if (location.pathname === '/login') navigate('/', { replace: true });
    });
  };

  return (
    <div className="login">
      <div className="login__panel card">
        <div className="card__body">
          <h1 className="page-title">{t('loginTitle')}</h1>
          <p className="page-subtitle">{t('appSubtitle')}</p>
          {expiredWithPending ? <Alert kind="warning">{t('sessionExpiredPending', { n: expiredWithPending })}</Alert> : null}
          <form onSubmit={submit} noValidate className="form">
            <ErrorSummary error={error} fields={['email', 'password']} />
            <TextField label={t('email')} name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} errors={errors} required autoFocus />
            <TextField label={t('password')} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} errors={errors} required />
            {switching ? (
              <Alert kind="warning" title={t('otherUserPendingTitle')}>
                <p>{t('otherUserPending', { name: other!.name, n: other!.pending })}</p>
                <label className="checkline" data-field="discardOther">
                  <input type="checkbox" checked={discardOther} onChange={(e) => setDiscardOther(e.target.checked)} /> {t('otherUserDiscard')}
                </label>
                {errors.discardOther ? <div className="field__error" role="alert">{t('otherUserDiscardRequired')}</div> : null}
              </Alert>
            ) : null}
            <div className="form__actions">
              <Button type="submit" busy={busy !== null}>{busy ? t('loggingIn') : t('loginButton')}</Button>
            </div>
          </form>
          <p className="login__public"><Link to="/public">{t('publicLink')}</Link></p>
        </div>
      </div>
    </div>
  );
}

export function ChangePasswordPage({ onChanged }: { onChanged: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [again, setAgain] = useState('');
  const { errors, error, busy, submit: send, reset } = useSubmission<'change'>(lang);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = new Checker(lang)
      .required('currentPassword', currentPassword)
      .required('newPassword', newPassword)
      .custom('newPassword', newPassword.length === 0 || newPassword.length >= 8, 'passwordTooShort')
      .custom('newPasswordAgain', again === newPassword, 'passwordsDiffer');
    reset(check.errors);
    if (!check.ok) return;
    await send('change', null, async () => {
      await api.post('/api/auth/password', { currentPassword, newPassword });
      await onChanged();
      navigate('/', { replace: true });
    });
  };

  return (
    <div className="login">
      <div className="login__panel card">
        <div className="card__body">
          <h1 className="page-title">{t('changePasswordTitle')}</h1>
          <p className="page-subtitle">{t('changePasswordIntro')}</p>
          <form onSubmit={submit} noValidate className="form">
            <ErrorSummary error={error} fields={['currentPassword', 'newPassword']} />
            <TextField label={t('currentPassword')} name="currentPassword" type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} errors={errors} required autoFocus />
            <TextField label={t('newPassword')} name="newPassword" type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} errors={errors} required />
            <TextField label={t('newPasswordAgain')} name="newPasswordAgain" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} errors={errors} required />
            <div className="form__actions">
              <Button type="submit" busy={busy !== null}>{t('changePassword')}</Button>
            </div>
          </form>
        </div>
      </div>
    </div>
  );
}
