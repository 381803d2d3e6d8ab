import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { AppHeader } from '../components/app-header';
import { usePageTitle } from '../components/page-title';

/**
 * Shown when a page fails to render or its code cannot be loaded (e.g. the app was updated
 * while it was open): a plain message and a reload button instead of a blank screen.
 */
export function RouteErrorPage({ isInLayout = false }: { isInLayout?: boolean }) {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('routeError.title'));
  const isMissing = isRouteErrorResponse(error) && error.status === 404;
  if (error && !isMissing) console.error(error);
  const content = (
    <>
      <h1>{isMissing ? t('notFound.title') : t('routeError.title')}</h1>
      <div className="alert alert--error" role="alert">
        <p>{isMissing ? t('notFound.body') : t('routeError.body')}</p>
      </div>
      <p>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          {t('routeError.reload')}
        </button>{' '}
        <a href="/">{t('notFound.home')}</a>
      </p>
    </>
  );
  if (isInLayout) return content;
  return (
    <>
      <AppHeader />
      <main id="main" className="page">
        {content}
      </main>
    </>
  );
}
