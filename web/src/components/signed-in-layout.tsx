import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useMe } from '../auth/session';
import { applyAccountLanguage } from '../i18n';
import { AppHeader } from './app-header';
import { ErrorMessage } from './error-message';

/** The frame of every signed-in page; sends anyone not signed in to /login and back afterwards. */
export function SignedInLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const mainRef = useRef<HTMLElement>(null);
  const lastPath = useRef(location.pathname);
  // After client-side navigation, move focus to the new page so screen readers and keyboard
  // users start at its content, as they would after a full page load.
  useEffect(() => {
    if (lastPath.current === location.pathname) return;
    lastPath.current = location.pathname;
    mainRef.current?.focus();
  }, [location.pathname]);
  const accountLanguage = me.data?.locale;
  useEffect(() => {
    if (accountLanguage) applyAccountLanguage(accountLanguage);
  }, [accountLanguage]);
  if (me.isPending) {
    return (
      <p className="page-loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (me.isError) {
    return (
      <main className="page" id="main">
        <ErrorMessage error={me.error} />
      </main>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <>
      <a className="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <AppHeader me={me.data} />
      <main id="main" className="page" tabIndex={-1} ref={mainRef}>
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>
          {t('app.name')} · {t('app.tagline')}
        </p>
      </footer>
    </>
  );
}
