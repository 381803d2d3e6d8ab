import type { RoleName } from '@mlob/contracts';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { useCurrentUser } from '../../auth/session';

const PROPOSERS: readonly RoleName[] = [
  'admin',
  'national_officer',
  'provincial_officer',
  'commune_officer',
  'village_chief',
];
const REVIEWERS: readonly RoleName[] = ['admin', 'national_officer', 'provincial_officer'];
const IMPORTERS: readonly RoleName[] = ['admin', 'national_officer', 'provincial_officer'];

/** Roles that may propose changes (the server's policy decides; this only hides what would fail). */
export function canPropose(role: RoleName): boolean {
  return PROPOSERS.includes(role);
}
/** Roles that may download exports (every reader but village chiefs). */
export function canExport(role: RoleName): boolean {
  return role !== 'village_chief';
}

/** The registry's own sub-navigation: only the screens the signed-in role can use. */
export function RegistryNav() {
  const { t } = useTranslation('registry');
  const { role } = useCurrentUser();
  const links: { to: string; label: string; end?: boolean; show: boolean }[] = [
    { to: '/registry', label: t('search.title'), end: true, show: true },
    { to: '/registry/new-household', label: t('newHousehold.title'), show: canPropose(role) },
    { to: '/registry/changes', label: t('queue.title'), show: canPropose(role) },
    { to: '/registry/duplicates', label: t('duplicates.title'), show: REVIEWERS.includes(role) },
    { to: '/registry/import', label: t('import.title'), show: IMPORTERS.includes(role) },
    { to: '/registry/rules', label: t('rules.title'), show: canPropose(role) },
  ];
  return (
    <nav aria-label={t('nav')} className="sub-nav">
      {links
        .filter((l) => l.show)
        .map((l) => (
          <NavLink key={l.to} to={l.to} end={l.end}>
            {l.label}
          </NavLink>
        ))}
    </nav>
  );
}
