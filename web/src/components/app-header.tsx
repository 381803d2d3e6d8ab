import type { Me } from '@mlob/contracts';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { isRoleAllowed, useLogout } from '../auth/session';
import { WEB_MODULES } from '../modules';
import { LanguageSwitch } from './language-switch';

/** The banner on every page: brand, language switch, and (when signed in) navigation and account. */
export function AppHeader({ me }: { me?: Me | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const modules = me ? WEB_MODULES.filter((m) => isRoleAllowed(m.roles, me.role)) : [];
  return (
    <header className="app-header">
      <div className="app-header__bar">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </Link>
        <div className="app-header__tools">
          <LanguageSwitch />
          {me && (
            <div className="user-menu">
              <span className="user-menu__name" title={t('user.signedInAs', { name: me.displayName })}>
                <span className="visually-hidden">{t('user.signedInAs', { name: '' })}</span>
                {me.displayName}
                <span className="user-menu__role">{t(`roles.${me.role}`)}</span>
              </span>
              <button
                type="button"
                className="button button--light"
                disabled={logout.isPending}
                onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
              >
                {t('user.signOut')}
              </button>
            </div>
          )}
        </div>
      </div>
      {me && (
        <nav className="main-nav" aria-label={t('a11y.mainNav')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            {modules.map((m) => (
              <li key={m.id}>
                <NavLink to={`/${m.path}`}>{t(m.navLabelKey)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
