import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { useListAction, useLists, useVillageHouseholds } from './assessment.api';

/** The village view: its households (assess one), its lists (open one or draft one), card check. */
export function AssessmentHomePage() {
  const { t } = useTranslation('assessment');
  usePageTitle(t('title'));
  const me = useMe();
  const ownVillage = me.data?.scope.areaCodes?.find((c) => c.length === 8) ?? '';
  const [village, setVillage] = useState(ownVillage);
  const code = village || ownVillage;
  const households = useVillageHouseholds(code);
  const lists = useLists(/^\d{8}$/.test(code) ? code : undefined);
  const draft = useListAction();
  const navigate = useNavigate();
  const canDraft = ['commune_officer', 'provincial_officer', 'national_officer', 'admin'].includes(
    me.data?.role ?? '',
  );

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="alert alert--warning">{t('illustrative')}</p>
      <p>
        <Link to="/assessment/verify">{t('verifyCard')}</Link> ·{' '}
        <Link to="/assessment/at-risk">{t('atRisk')}</Link> ·{' '}
        <Link to="/assessment/models">{t('models')}</Link> ·{' '}
        <Link to="/assessment/rounds">{t('roundsNav')}</Link>
      </p>
      <Field label={t('village')} hint={t('villageHint')}>
        {(control) => (
          <input
            {...control}
            name="villageCode"
            inputMode="numeric"
            value={code}
            onChange={(e) => setVillage(e.target.value.trim())}
          />
        )}
      </Field>

      <section aria-labelledby="lists-heading">
        <h2 id="lists-heading">{t('lists')}</h2>
        <ErrorMessage error={lists.error ?? draft.error} />
        {lists.data && lists.data.items.length === 0 && <p>{t('noLists')}</p>}
        <ul>
          {lists.data?.items.map((l) => (
            <li key={l.id}>
              <Link to={`/assessment/lists/${l.id}`}>
                {l.villageNameKm} · {t(`statuses.${l.status}`)} · {l.entryCount} · {l.createdAt.slice(0, 10)}
              </Link>
            </li>
          ))}
        </ul>
        {canDraft && /^\d{8}$/.test(code) && (
          <button
            type="button"
            className="button"
            disabled={draft.isPending}
            onClick={() =>
              draft.mutate(
                { path: '/api/assessment/lists', body: { villageCode: code } },
                { onSuccess: (list) => navigate(`/assessment/lists/${(list as { id: string }).id}`) },
              )
            }
          >
            {t('draftList')}
          </button>
        )}
      </section>

      <section aria-labelledby="households-heading">
        <h2 id="households-heading">{t('households')}</h2>
        <ErrorMessage error={households.error} />
        {households.data && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('household')}</th>
                  <th scope="col">{t('head')}</th>
                  <th scope="col">{t('members')}</th>
                  <th scope="col">{t('card')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('assess')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {households.data.items.map((h) => (
                  <tr key={h.householdId}>
                    <td className="code">{h.householdRef}</td>
                    <td lang="km">{h.headNameKm ?? '—'}</td>
                    <td>{h.memberCount}</td>
                    <td>
                      {h.activeCardId ? (
                        <Link to={`/assessment/cards/${h.activeCardId}`}>
                          {t(`levels.${h.activeCardLevel}`)}
                        </Link>
                      ) : (
                        t('noCard')
                      )}
                    </td>
                    <td>
                      <Link
                        to={`/assessment/assess/${h.householdId}`}
                        aria-label={`${t('assess')} ${h.householdRef}`}
                      >
                        {t('assess')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
