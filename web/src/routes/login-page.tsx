import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../api/client';
import { useLogin, useMe } from '../auth/session';
import { AppHeader } from '../components/app-header';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { usePageTitle } from '../components/page-title';
import { formatDateTime } from '../i18n/format';

/** Only same-app paths are followed after sign-in, never another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The lock's end time, which the server states in its message as an ISO timestamp. */
function lockedUntil(message: string): Date | null {
  const match = /\d{4}-\d{2}-\d{2}T[\d:.]+Z/.exec(message);
  return match ? new Date(match[0]) : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [isMissing, setIsMissing] = useState(false);
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setIsMissing(true);
      return;
    }
    setIsMissing(false);
    login.mutate(
      { username: username.trim(), password },
      { onSuccess: () => navigate(next, { replace: true }) },
    );
  }

  let failure: string | null = null;
  if (isMissing) failure = t('login.required');
  else if (isApiError(login.error) && login.error.code === 'unauthenticated') failure = t('login.wrong');
  else if (isApiError(login.error) && login.error.code === 'locked') {
    const until = lockedUntil(login.error.message);
    failure = until
      ? t('login.lockedUntil', {
          time: formatDateTime(until),
        })
      : t('login.locked');
  }

  return (
    <>
      <AppHeader />
      <main id="main" className="page page--narrow">
        <section className="card login-card" aria-labelledby="login-title">
          <h1 id="login-title">{t('login.title')}</h1>
          <p className="muted">{t('login.intro')}</p>
          {failure ? (
            <div className="alert alert--error" role="alert">
              <p className="alert__title">{failure}</p>
            </div>
          ) : (
            login.error && <ErrorMessage error={login.error} />
          )}
          <form onSubmit={onSubmit} noValidate>
            <Field label={t('login.username')}>
              {(control) => (
                <input
                  {...control}
                  name="username"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('login.password')}>
              {(control) => (
                <input
                  {...control}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button button--primary button--block" disabled={login.isPending}>
              {login.isPending ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
        </section>
      </main>
    </>
  );
}
