/** The app: who is logged in, the header with connection and sync status, and the screens. */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ROLE_LABELS } from '../../src/audit/vocabulary';
import { api, ApiError, isNetworkError, onUnauthenticated, serverReachable } from './api';
import { useI18n } from './i18n';
import { destroy, getSession, listOutbox, saveSession, wipe } from './offline/db';
import { startSync, syncAll, useSyncState } from './offline/sync';
import { AuditCreatePage } from './pages/audit-create';
import { AuditPage } from './pages/audit-detail';
import { BoardPage } from './pages/board';
import { DashboardPage } from './pages/dashboard';
import { HomePage } from './pages/home';
import { ChangePasswordPage, LoginPage } from './pages/login';
import { OverduePage } from './pages/overdue';
import { PlansPage } from './pages/plans';
import { PublicPage } from './pages/public';
import { SelfAssessmentPage } from './pages/self-assessment';
import { NationalPage, PublicNationalPage } from './pages/survey-national';
import { ResponseResultPage, RoundPage, SurveysPage } from './pages/surveys';
import { SyncPage } from './pages/sync-center';
import { Link, match, navigate, useLocation } from './router';
import { isAuditBody, isAuditee, isLead, SessionContext, useOptionalSession, type Session } from './session';
import type { Me } from './types';
import { Alert, Button, Dialog, Loading } from './ui/components';

type AuthState =
  | { kind: 'loading' }
  | { kind: 'anonymous'; expiredWithPending?: number }
  | { kind: 'authenticated'; me: Me; offline: boolean };

const PENDING_LOGOUT = 'kansa.pendingLogout';

export function App() {
  const { t } = useI18n();
  const [auth, setAuth] = useState<AuthState>({ kind: 'loading' });
  const { path } = useLocation();

  const load = useCallback(async () => {
    try {
      if (localStorage.getItem(PENDING_LOGOUT)) {
        await api.post('/api/auth/logout', {}, { quiet401: true }).catch((e) => {
          if (isNetworkError(e)) throw e;
        });
        localStorage.removeItem(PENDING_LOGOUT);
      }
      const me = await api.get<Me>('/api/auth/me', { quiet401: true });
      await saveSession(me).catch(() => undefined);
      setAuth({ kind: 'authenticated', me, offline: false });
      if (me.mustChangePassword && location.pathname !== '/password') navigate('/password', { replace: true });
    } catch (error) {
      if (isNetworkError(error)) {
        const stored = await getSession().catch(() => null);
        if (stored && !localStorage.getItem(PENDING_LOGOUT)) {
          setAuth({ kind: 'authenticated', me: stored.person, offline: true });
          return;
        }
        setAuth({ kind: 'anonymous' });
        return;
      }
      if (error instanceof ApiError && error.status === 401) {
        const pending = (await listOutbox().catch(() => [])).length;
        setAuth({ kind: 'anonymous', expiredWithPending: pending || undefined });
        return;
      }
      setAuth({ kind: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    void load();
    startSync();
    return onUnauthenticated(() => {
      void listOutbox().catch(() => []).then((entries) => setAuth({ kind: 'anonymous', expiredWithPending: entries.length || undefined }));
    });
  }, [load]);

  // Back online with a stored session: confirm it with the server.
  const sync = useSyncState();
  useEffect(() => {
    if (auth.kind === 'authenticated' && auth.offline && sync.reachable) void load();
  }, [auth, sync.reachable, load]);

  const [logoutAsk, setLogoutAsk] = useState<number | null>(null);
  const [loggingOut, setLoggingOut] = useState(false);

  const doLogout = useCallback(async () => {
    setLoggingOut(true);
    try {
      await api.post('/api/auth/logout', {}, { quiet401: true });
    } catch (error) {
      // Offline: the server session is closed at the next connection.
      if (isNetworkError(error)) localStorage.setItem(PENDING_LOGOUT, '1');
    }
    await wipe().catch(() => undefined);
    await destroy().catch(() => undefined);
    setLoggingOut(false);
    setLogoutAsk(null);
    setAuth({ kind: 'anonymous' });
    navigate('/login', { replace: true });
  }, []);

  const requestLogout = useCallback(async () => {
    const waiting = (await listOutbox().catch(() => [])).length;
    if (waiting > 0) setLogoutAsk(waiting);
    else void doLogout();
  }, [doLogout]);

  const session: Session | null = useMemo(
    () => (auth.kind === 'authenticated' ? { me: auth.me, offline: auth.offline, refresh: load, logout: () => void requestLogout() } : null),
    [auth, load, requestLogout],
  );

  if (auth.kind === 'loading') {
    return (
      <Shell>
        <Loading />
      </Shell>
    );
  }

  return (
    <SessionContext.Provider value={session}>
      <Shell onLogout={session ? session.logout : undefined}>
        <Routes path={path} auth={auth} onLoggedIn={load} />
        <Dialog
          open={logoutAsk !== null}
          title={t('logoutUnsyncedTitle')}
          onClose={() => setLogoutAsk(null)}
          footer={
            <>
              <Button variant="secondary" onClick={() => setLogoutAsk(null)}>{t('cancel')}</Button>
              <Button
                variant="primary"
                disabled={!serverReachable()}
                busy={loggingOut}
                onClick={async () => {
                  await syncAll();
                  const left = (await listOutbox().catch(() => [])).length;
                  if (left === 0) void doLogout();
                  else setLogoutAsk(left);
                }}
              >
                {t('syncThenLogout')}
              </Button>
              <Button variant="danger" busy={loggingOut} onClick={() => void doLogout()}>{t('discardAndLogout')}</Button>
            </>
          }
        >
          <p>{t('logoutUnsyncedBody', { n: logoutAsk ?? 0 })}</p>
        </Dialog>
      </Shell>
    </SessionContext.Provider>
  );
}

function Routes({ path, auth, onLoggedIn }: { path: string; auth: AuthState; onLoggedIn: () => Promise<void> }) {
  const { t } = useI18n();
  if (path === '/public') return <PublicPage />;
  if (path === '/public/surveys') return <PublicNationalPage />;
  if (auth.kind !== 'authenticated') {
    return <LoginPage onLoggedIn={onLoggedIn} expiredWithPending={auth.kind === 'anonymous' ? auth.expiredWithPending : undefined} />;
  }
  const me = auth.me;
  if (path === '/password' || me.mustChangePassword) return <ChangePasswordPage onChanged={onLoggedIn} />;
  if (path === '/' || path === '/login') return <HomePage />;
  if (path === '/sync') return <SyncPage />;
  if (isAuditBody(me)) {
    if (path === '/board') return <BoardPage />;
    if (path === '/plans') return <PlansPage />;
    if (path === '/dashboard') return <DashboardPage />;
    if (path === '/audits/new' && isLead(me)) return <AuditCreatePage />;
    if (path === '/surveys') return <SurveysPage />;
    if (path === '/surveys/national') return <NationalPage />;
    const round = match('/surveys/:id', path);
    if (round && /^\d+$/.test(round.id)) return <RoundPage key={round.id} roundId={Number(round.id)} />;
    const response = match('/surveys/:id/responses/:org', path);
    if (response && /^\d+$/.test(response.id) && /^\d+$/.test(response.org)) {
      return <ResponseResultPage key={path} roundId={Number(response.id)} organisationId={Number(response.org)} />;
    }
  }
  if (isAuditee(me)) {
    if (path === '/self-assessment') return <SelfAssessmentPage roundId={null} tab="answers" />;
    const sa = match('/self-assessment/:id', path) ?? match('/self-assessment/:id/:tab', path);
    if (sa && /^\d+$/.test(sa.id) && (!sa.tab || sa.tab === 'results')) {
      return <SelfAssessmentPage roundId={Number(sa.id)} tab={sa.tab === 'results' ? 'results' : 'answers'} />;
    }
  }
  if (path === '/overdue') return <OverduePage />;
  const auditRoute =
    match('/audits/:id', path) ?? match('/audits/:id/:tab', path) ?? match('/audits/:id/:tab/:sub', path);
  if (auditRoute && /^\d+$/.test(auditRoute.id)) {
    return <AuditPage auditId={Number(auditRoute.id)} tab={auditRoute.tab ?? 'overview'} sub={auditRoute.sub} />;
  }
  return <Alert kind="warning" title={t('notFound')} />;
}

function Shell({ children, onLogout }: { children: ReactNode; onLogout?: () => void }) {
  const { t, lang, setLang, L } = useI18n();
  // The header is drawn for anonymous visitors too.
  const session = useOptionalSession();
  const sync = useSyncState();
  const { path } = useLocation();
  const me = session?.me;
  const links: { to: string; label: string }[] = [];
  if (me && !me.mustChangePassword) {
    if (isLead(me)) {
      links.push({ to: '/board', label: t('navBoard') }, { to: '/plans', label: t('navPlans') }, { to: '/audits/new', label: t('navNewAudit') });
      links.push({ to: '/overdue', label: t('navOverdue') }, { to: '/dashboard', label: t('navDashboard') }, { to: '/surveys', label: t('navSurveys') });
    } else if (isAuditBody(me)) {
      links.push({ to: '/', label: t('navMyAudits') }, { to: '/plans', label: t('navPlans') }, { to: '/dashboard', label: t('navDashboard') }, { to: '/surveys', label: t('navSurveys') });
    } else if (isAuditee(me)) {
      links.push({ to: '/', label: t('navOurAudits') }, { to: '/self-assessment', label: t('navSelfAssessment') });
    }
    links.push({ to: '/sync', label: t('navSync') });
  }
  links.push({ to: '/public', label: t('navPublic') });
  const offline = !sync.reachable;
  return (
    <>
      <a className="skip" href="#main">{t('skipToContent')}</a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">監</span>
            <span className="brand__text">
              <strong>{t('appName')}</strong>
              <small>{t('appSubtitle')}</small>
            </span>
          </Link>
          <nav className="mainnav" aria-label={t('mainNavigation')}>
            {links.map((l) => (
              <Link key={l.to} to={l.to} className={`mainnav__link${path === l.to || (l.to !== '/' && path.startsWith(`${l.to}/`)) ? ' mainnav__link--current' : ''}`} aria-current={path === l.to ? 'page' : undefined}>
                {l.label}
              </Link>
            ))}
          </nav>
          <div className="topbar__right">
            <span className={`conn conn--${offline ? 'off' : 'on'}`} data-testid="connection" role="status">
              <span className="conn__dot" aria-hidden="true" />
              {offline ? t('offline') : t('online')}
            </span>
            {me ? <SyncIndicator /> : null}
            <button type="button" className="langbtn" onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')} aria-label={`${t('language')}: ${lang === 'ja' ? 'English' : '日本語'}`} data-testid="lang-toggle">
              {lang === 'ja' ? 'English' : '日本語'}
            </button>
            {me ? (
              <div className="userbox">
                <span className="userbox__name">{me.name}</span>
                <span className="userbox__role">{me.roles.map((r) => L(ROLE_LABELS[r])).join('・')}</span>
              </div>
            ) : null}
            {me && onLogout ? (
              <button type="button" className="logoutbtn" onClick={onLogout}>{t('logout')}</button>
            ) : !me && path !== '/login' ? (
              <Link to="/login" className="logoutbtn">{t('login')}</Link>
            ) : null}
          </div>
        </div>
        {sync.syncing ? (
          <div className="syncbar" role="progressbar" aria-label={t('syncing', { done: sync.done, total: sync.total })} aria-valuemin={0} aria-valuemax={sync.total} aria-valuenow={sync.done}>
            <div className="syncbar__fill" style={{ width: `${sync.total ? Math.round((100 * sync.done) / sync.total) : 30}%` }} />
          </div>
        ) : null}
      </header>
      {offline && me ? <div className="offline-banner" role="status">{t('offlineBanner')}</div> : null}
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function SyncIndicator() {
  const { t } = useI18n();
  const sync = useSyncState();
  const waiting = sync.pending + sync.errors;
  if (sync.syncing) {
    return (
      <Link to="/sync" className="syncind syncind--busy" data-testid="sync-indicator">
        <span className="spinner spinner--small" aria-hidden="true" />
        {t('syncing', { done: sync.done, total: sync.total })}
      </Link>
    );
  }
  if (sync.conflicts) {
    return (
      <Link to="/sync" className="syncind syncind--conflict" data-testid="sync-indicator">
        {t('conflictsCount', { n: sync.conflicts })}
        {waiting ? ` ・ ${t('unsyncedCount', { n: waiting })}` : ''}
      </Link>
    );
  }
  if (waiting) {
    return <Link to="/sync" className="syncind syncind--pending" data-testid="sync-indicator">{t('unsyncedCount', { n: waiting })}</Link>;
  }
  return <Link to="/sync" className="syncind syncind--ok" data-testid="sync-indicator">{t('allSynced')}</Link>;
}
