import type { RoleName } from '@mlob/contracts';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { isRoleAllowed, useCurrentUser } from '../auth/session';
import { usePageTitle } from './page-title';

/** Renders a module's pages only for its roles; others get a plain "not available" page. */
export function RoleGate({ roles }: { roles: readonly RoleName[] | 'all' }) {
  const me = useCurrentUser();
  if (isRoleAllowed(roles, me.role)) return <Outlet />;
  return <Forbidden />;
}

function Forbidden() {
  const { t } = useTranslation();
  usePageTitle(t('forbidden.title'));
  return (
    <section>
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
    </section>
  );
}
