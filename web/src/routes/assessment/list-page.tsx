import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { useList, useListAction, useListCards } from './assessment.api';
import { ListActions, ObjectionForm } from './list-actions';

/** A village list through community validation: entries, objections, the step buttons. */
export function ListPage() {
  const { id } = useParams();
  const { t } = useTranslation('assessment');
  usePageTitle(t('list'));
  const me = useMe();
  const list = useList(id);
  const action = useListAction();
  const cards = useListCards(id, list.data?.status === 'published');
  const [decisionReason, setDecisionReason] = useState('');
  const role = me.data?.role ?? '';
  const l = list.data;
  const level = (n: number | null) => t(`levels.${n ?? 'none'}`);

  return (
    <>
      <h1>{`${t('list')}: ${l?.villageNameKm ?? ''}`}</h1>
      <ErrorMessage error={list.error ?? action.error} />
      {l && (
        <>
          <p className="card">
            {t('status')}: <strong data-testid="list-status">{t(`statuses.${l.status}`)}</strong>
            {l.objectionUntil && ` · ${t('objectionUntil')} ${l.objectionUntil}`}
            <br />
            <a href={`/api/assessment/lists/${l.id}/print.pdf`} target="_blank" rel="noreferrer">
              {t('print')}
            </a>
          </p>
          <ListActions list={l} role={role} action={action} />
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('household')}</th>
                  <th scope="col">{t('head')}</th>
                  <th scope="col">{t('members')}</th>
                  <th scope="col">{t('score')}</th>
                  <th scope="col">{t('proposed')}</th>
                  <th scope="col">{t('final')}</th>
                </tr>
              </thead>
              <tbody>
                {l.entries.map((e) => (
                  <tr key={e.householdId}>
                    <td className="code">{e.householdRef}</td>
                    <td lang="km">{e.headNameKm ?? '—'}</td>
                    <td>{e.memberCount}</td>
                    <td>{e.score}</td>
                    <td>{level(e.proposedLevel)}</td>
                    <td>{level(e.finalLevel)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <section aria-labelledby="objections-heading">
            <h2 id="objections-heading">{t('objections')}</h2>
            {l.objections.length === 0 && <p>{t('noObjections')}</p>}
            <ul>
              {l.objections.map((o) => (
                <li key={o.id} className="card">
                  {`${l.entries.find((e) => e.householdId === o.householdId)?.householdRef ?? ''} · ${t('lodgedBy')} ${o.lodgedByName} · ${t('requestedLevel')}: ${level(o.requestedLevel)} · ${t(`statuses.${o.status}`)}`}
                  <br />
                  {o.reason}
                  {o.status === 'open' && role === 'commune_officer' && l.status === 'displayed' && (
                    <div>
                      <label>
                        {t('decisionReason')}{' '}
                        <input
                          name="decisionReason"
                          value={decisionReason}
                          onChange={(e) => setDecisionReason(e.target.value)}
                        />
                      </label>{' '}
                      {(['upheld', 'rejected'] as const).map((decision) => (
                        <button
                          key={decision}
                          type="button"
                          className="button"
                          disabled={action.isPending}
                          onClick={() =>
                            action.mutate({
                              path: `/api/assessment/objections/${o.id}/decision`,
                              body: { decision, reason: decisionReason },
                            })
                          }
                        >
                          {decision === 'upheld' ? t('uphold') : t('reject')}
                        </button>
                      ))}
                    </div>
                  )}
                </li>
              ))}
            </ul>
            {l.status === 'displayed' && ['village_chief', 'commune_officer'].includes(role) && (
              <ObjectionForm list={l} action={action} />
            )}
          </section>

          {cards.data && (
            <section aria-labelledby="cards-heading">
              <h2 id="cards-heading">{t('cards')}</h2>
              <ul>
                {cards.data.items.map((c) => (
                  <li key={c.id}>
                    <Link to={`/assessment/cards/${c.id}`}>{`${c.cardNumber} · ${level(c.level)}`}</Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}
