import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { AreaTable } from './area-table';
import { useAreaSearch } from './geography.api';

/** Search box over the gazetteer; the query lives in the URL (?q=) so results can be shared. */
export function AreaSearch() {
  const { t } = useTranslation('geography');
  const id = useId();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  // Wait for a pause in typing before searching.
  useEffect(() => {
    const handle = setTimeout(() => {
      if (text.trim() === q) return;
      setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
    }, 300);
    return () => clearTimeout(handle);
  }, [text, q, setParams]);

  const search = useAreaSearch(q);
  const items = search.data?.items ?? [];
  return (
    <search className="area-search">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
        }}
      >
        <label htmlFor={`${id}-q`} className="field__label">
          {t('search.label')}
        </label>
        <div className="search-row">
          <input
            id={`${id}-q`}
            type="search"
            value={text}
            placeholder={t('search.placeholder')}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
          />
          {q && (
            <button type="button" className="button" onClick={() => setParams({}, { replace: true })}>
              {t('search.clear')}
            </button>
          )}
        </div>
      </form>
      {q && (
        <section aria-labelledby={`${id}-results`} className="search-results">
          <h2 id={`${id}-results`}>{t('search.results')}</h2>
          <ErrorMessage error={search.error} />
          <p role="status" className="muted">
            {search.isFetching && !search.data
              ? t('common:common.loading')
              : items.length === 0
                ? t('search.noResults', { q })
                : t('search.resultCount', { count: items.length })}
          </p>
          {items.length > 0 && <AreaTable areas={items} isKindShown />}
        </section>
      )}
    </search>
  );
}
