import type { AreaDetail, Me } from '@mlob/contracts';
import { useQueries } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiGet } from '../api/client';
import { isRoleAllowed, useCurrentUser } from '../auth/session';
import { AreaName } from '../components/area-name';
import { usePageTitle } from '../components/page-title';
import { WEB_MODULES } from '../modules';

function describeScope(t: TFunction, scope: Me['scope']): string {
  switch (scope.kind) {
    case 'national':
      return t('home.scopeNational');
    case 'areas':
      return t('home.scopeAreas', { areas: (scope.areaCodes ?? []).join(', ') });
    case 'facility':
      return t('home.scopeFacility', { unit: scope.unitId ?? '' });
    case 'lab':
      return t('home.scopeLab', { unit: scope.unitId ?? '' });
    case 'school':
      return t('home.scopeSchool', { unit: scope.unitId ?? '' });
  }
}

/** Welcome: who you are, what you may see, and where your work is. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('home.title'));
  const modules = WEB_MODULES.filter((m) => isRoleAllowed(m.roles, me.role));
  return (
    <>
      <h1>{t('home.welcome', { name: me.displayName })}</h1>
      <dl className="facts card">
        <div>
          <dt>{t('home.role')}</dt>
          <dd>{t(`roles.${me.role}`)}</dd>
        </div>
        <div>
          <dt>{t('home.scope')}</dt>
          <dd>
            {me.scope.kind === 'areas' ? (
              <ScopeAreas codes={me.scope.areaCodes ?? []} />
            ) : (
              describeScope(t, me.scope)
            )}
          </dd>
        </div>
      </dl>
      <h2>{t('home.yourWork')}</h2>
      <ul className="tiles">
        {modules.map((m) => (
          <li key={m.id}>
            <Link className="tile" to={`/${m.path}`}>
              {t(m.navLabelKey)}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The areas of an area-scoped user, by name (the code until the name has loaded). */
function ScopeAreas({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const areas = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['geography', 'area', code],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiGet<AreaDetail>(`/api/geography/areas/${code}`, undefined, signal),
      staleTime: 10 * 60_000,
    })),
  });
  return (
    <ul className="plain-list">
      {codes.map((code, i) => {
        const area = areas[i]?.data;
        return (
          <li key={code}>
            {area ? (
              <Link to={`/geography/${code}`}>
                {t(`areaKind.${area.kind}`, { defaultValue: area.kind })} <AreaName area={area} />
              </Link>
            ) : (
              <span className="code">{code}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
