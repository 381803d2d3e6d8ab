import type { Area, AreaDetail } from '@mlob/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { AreaName, areaNames } from '../../components/area-name';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { AreaSearch } from './area-search';
import { AreaTable } from './area-table';
import { useAreaDetail, useProvinces } from './geography.api';
import { LocationClassPanel } from './location-class-panel';

/** The gazetteer browser: provinces → districts → communes → villages, with search. */
export function AreaBrowserPage() {
  const { code } = useParams();
  const { t } = useTranslation('geography');
  return (
    <>
      <AreaSearch />
      {code ? <AreaView code={code} /> : <ProvincesView />}
      <p className="muted small">{t('intro')}</p>
    </>
  );
}

function ProvincesView() {
  const { t } = useTranslation('geography');
  usePageTitle(t('title'));
  const provinces = useProvinces();
  return (
    <>
      <Breadcrumb ancestors={[]} current={null} />
      <h1>{t('title')}</h1>
      <section aria-labelledby="children-title">
        <h2 id="children-title">{t('provinces')}</h2>
        {provinces.isPending && <p role="status">{t('common:common.loading')}</p>}
        <ErrorMessage error={provinces.error} />
        {provinces.data && <AreaTable areas={provinces.data.items} />}
      </section>
    </>
  );
}

function AreaView({ code }: { code: string }) {
  const { t } = useTranslation('geography');
  const detail = useAreaDetail(code);
  const area = detail.data;
  usePageTitle(area ? areaNames(area).primary : t('title'));
  if (detail.isPending) return <p role="status">{t('common:common.loading')}</p>;
  if (!area) return <ErrorMessage error={detail.error} />;
  return (
    <>
      <Breadcrumb ancestors={area.ancestors} current={area} />
      <h1 className="area-title">
        <span className="area-title__kind">
          {t(`common:areaKind.${area.kind}`, { defaultValue: area.kind })}
        </span>
        <AreaName area={area} />
      </h1>
      <p className="muted">
        {t('code')}: <span className="code">{area.code}</span>
        {area.isRetired && <span className="badge">{t('retired')}</span>}
      </p>
      {area.level === 4 ? <LocationClassPanel village={area} /> : <ChildrenSection area={area} />}
    </>
  );
}

function ChildrenSection({ area }: { area: AreaDetail }) {
  const { t } = useTranslation('geography');
  const childKind = t(`childKind.${area.level}`);
  return (
    <section aria-labelledby="children-title">
      <h2 id="children-title">
        {t('childrenOf', {
          kind: childKind,
          name: areaNames(area).primary,
          interpolation: { escapeValue: false },
        })}
      </h2>
      {area.children.length === 0 ? <p>{t('noChildren')}</p> : <AreaTable areas={area.children} />}
    </section>
  );
}

/** Where the area sits: Cambodia › province › district › commune › village. */
function Breadcrumb({ ancestors, current }: { ancestors: Area[]; current: Area | null }) {
  const { t } = useTranslation('geography');
  return (
    <nav aria-label={t('common:a11y.breadcrumb')} className="breadcrumb">
      <ol>
        <li>
          {current ? (
            <Link to="/geography">{t('country')}</Link>
          ) : (
            <span aria-current="page">{t('country')}</span>
          )}
        </li>
        {ancestors.map((a) => (
          <li key={a.code}>
            <Link to={`/geography/${a.code}`}>
              <AreaName area={a} isSecondaryShown={false} />
            </Link>
          </li>
        ))}
        {current && (
          <li>
            <span aria-current="page">
              <AreaName area={current} isSecondaryShown={false} />
            </span>
          </li>
        )}
      </ol>
    </nav>
  );
}
