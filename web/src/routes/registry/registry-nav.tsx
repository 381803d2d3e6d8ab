import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';

/** The registry's own sub-navigation. */
export function RegistryNav() {
  const { t } = useTranslation('registry');
  return (
    <nav aria-label={t('nav')} className="sub-nav">
      <NavLink to="/registry" end>
        {t('search.title')}
      </NavLink>{' '}
      · <NavLink to="/registry/changes">{t('queue.title')}</NavLink> ·{' '}
      <NavLink to="/registry/import">{t('import.title')}</NavLink>
    </nav>
  );
}
