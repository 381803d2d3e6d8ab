import type { AtRiskHousehold } from '@mlob/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';

/** Near-poor households of an area, with their vulnerability categories. */
export function AtRiskPage() {
  const { t } = useTranslation('assessment');
  usePageTitle(t('atRisk'));
  const me = useMe();
  const [area, setArea] = useState<string | undefined>();
  const [margin, setMargin] = useState('');
  const areaCode = area ?? me.data?.scope.areaCodes?.[0] ?? '';
  const result = useQuery({
    queryKey: ['assessment', 'at-risk', areaCode, margin],
    queryFn: ({ signal }) =>
      apiGet<{ margin: number; items: AtRiskHousehold[] }>(
        '/api/assessment/at-risk',
        { areaCode: areaCode || undefined, margin: margin || undefined },
        signal,
      ),
    enabled: areaCode === '' || /^(\d{2}){1,4}$/.test(areaCode),
  });
  return (
    <>
      <h1>{t('atRisk')}</h1>
      <p>{t('atRiskHelp', { margin: result.data?.margin ?? '…' })}</p>
      <div className="form-grid">
        <Field label={t('area')}>
          {(control) => (
            <input
              {...control}
              name="areaCode"
              inputMode="numeric"
              value={areaCode}
              onChange={(e) => setArea(e.target.value.trim())}
            />
          )}
        </Field>
        <Field label={t('margin')}>
          {(control) => (
            <input
              {...control}
              name="margin"
              type="number"
              min={0}
              value={margin}
              onChange={(e) => setMargin(e.target.value)}
            />
          )}
        </Field>
      </div>
      <ErrorMessage error={result.error} />
      {result.data && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('household')}</th>
                <th scope="col">{t('village')}</th>
                <th scope="col">{t('score')}</th>
                <th scope="col">{t('categories')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.items.map((h) => (
                <tr key={h.householdId}>
                  <td className="code">{h.householdRef}</td>
                  <td className="code">{h.villageCode}</td>
                  <td>{`${h.score} (> ${h.level2Cutoff})`}</td>
                  <td>{h.categories.map((c) => t(`vulnerability.${c}`)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
