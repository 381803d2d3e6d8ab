import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { PageNav } from './page-nav';
import { useHouseholdsByRef, useMemberSearch } from './registry.api';
import { exportUrl } from './registry-admin.api';
import { canExport, RegistryNav } from './registry-nav';
import './registry.css';

/** Search members by name (Khmer or Latin, fuzzy), ID, phone, reference or area, within scope. */
export function RegistrySearchPage() {
  const { t, i18n } = useTranslation('registry');
  usePageTitle(t('search.title'));
  const [draft, setDraft] = useState({ q: '', area: '' });
  const [params, setParams] = useState({ q: '', area: '', offset: 0 });
  const search = useMemberSearch(params);
  const households = useHouseholdsByRef(params.q);
  const isKm = i18n.language === 'km';
  const mayExport = canExport(useCurrentUser().role);

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams({ ...draft, offset: 0 });
  }

  return (
    <>
      <h1>{t('search.title')}</h1>
      <RegistryNav />
      <search>
        <form className="card form-row" onSubmit={submit}>
          <Field label={t('search.q')} hint={t('search.qHint')}>
            {(control) => (
              <input
                {...control}
                value={draft.q}
                onChange={(e) => setDraft({ ...draft, q: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('search.area')} hint={t('search.areaHint')}>
            {(control) => (
              <input
                {...control}
                inputMode="numeric"
                value={draft.area}
                onChange={(e) => setDraft({ ...draft, area: e.target.value })}
              />
            )}
          </Field>
          <button type="submit" className="button button--primary">
            {t('search.submit')}
          </button>
        </form>
      </search>
      <ErrorMessage error={search.error} />
      {households.data && households.data.items.length > 0 && (
        <section aria-labelledby="households-found">
          <h2 id="households-found">{t('search.households')}</h2>
          <ul>
            {households.data.items.map((h) => (
              <li key={h.id}>
                <Link to={`/registry/households/${h.id}`}>
                  {t('household.title', { ref: h.householdRef })}
                </Link>{' '}
                · {t('household.village')} {h.villageCode} ·{' '}
                {t(`householdStatus.${h.status}`, { defaultValue: h.status })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {search.isFetching && <p role="status">{t('common:common.loading')}</p>}
      {search.data && search.data.items.length === 0 && <p>{t('search.none')}</p>}
      {search.data && search.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('search.results')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('member.name')}</th>
                <th scope="col">{t('member.sex')}</th>
                <th scope="col">{t('member.birthDate')}</th>
                <th scope="col">{t('member.relation')}</th>
                <th scope="col">{t('household.ref')}</th>
                <th scope="col">{t('household.village')}</th>
                <th scope="col">{t('member.status')}</th>
              </tr>
            </thead>
            <tbody>
              {search.data.items.map((m) => {
                const km = `${m.familyNameKm} ${m.givenNameKm}`;
                const latin = [m.familyNameLatin, m.givenNameLatin].filter(Boolean).join(' ');
                return (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/registry/households/${m.householdId}`}>
                        <span lang={isKm ? 'km' : 'en'}>{isKm ? km : latin || km}</span>
                      </Link>
                      <br />
                      <span className="muted small" lang={isKm ? 'en' : 'km'}>
                        {isKm ? latin : km}
                      </span>
                    </td>
                    <td>{t(`sex.${m.sex}`)}</td>
                    <td>{m.birthDate ?? '—'}</td>
                    <td>{t(`relation.${m.relationToHead}`)}</td>
                    <td>{m.householdRef}</td>
                    <td>{m.villageCode}</td>
                    <td>{t(`memberStatus.${m.status}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {mayExport && search.data && search.data.items.length > 0 && (
        <section className="card" aria-labelledby="export-title">
          <h2 id="export-title">{t('export.title')}</h2>
          <p className="muted">{t('export.hint')}</p>
          <p className="form-row">
            <a
              className="button"
              href={exportUrl({ q: params.q, area: params.area, format: 'csv' })}
              download
            >
              {t('export.csv')}
            </a>
            <a
              className="button"
              href={exportUrl({ q: params.q, area: params.area, format: 'xlsx' })}
              download
            >
              {t('export.xlsx')}
            </a>
          </p>
        </section>
      )}
      {search.data && (
        <PageNav
          label={t('search.pages')}
          hasPrevious={params.offset > 0}
          hasNext={search.data.hasMore}
          onPrevious={() => setParams({ ...params, offset: Math.max(0, params.offset - 25) })}
          onNext={() => setParams({ ...params, offset: params.offset + 25 })}
        />
      )}
    </>
  );
}
