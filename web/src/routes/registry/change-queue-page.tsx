import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { languageOfText } from '../../i18n';
import { ChangeSummary } from './change-summary';
import { useChangeQueue, useDecide } from './registry.api';
import { RegistryNav } from './registry-nav';
import './registry.css';

/** The approver's queue: pending changes in scope awaiting the caller's level. */
export function ChangeQueuePage() {
  const { t } = useTranslation('registry');
  usePageTitle(t('queue.title'));
  const [view, setView] = useState<'to-decide' | 'all'>('to-decide');
  const queue = useChangeQueue(view);
  const decide = useDecide();
  const [comments, setComments] = useState<Record<string, string>>({});

  return (
    <>
      <h1>{t('queue.title')}</h1>
      <RegistryNav />
      <fieldset className="form-row choices">
        <legend>{t('queue.view')}</legend>
        {(['to-decide', 'all'] as const).map((v) => (
          <label key={v}>
            <input type="radio" name="view" checked={view === v} onChange={() => setView(v)} />{' '}
            {t(`queue.views.${v}`)}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={queue.error ?? decide.error} />
      {queue.data && queue.data.items.length === 0 && <p>{t('queue.empty')}</p>}
      <ul className="card-list">
        {queue.data?.items.map((r) => (
          <li key={r.id} className="card">
            <h2>
              {t(`kinds.${r.kind}`, { defaultValue: r.kind })} · {r.villageCode}
            </h2>
            <p>
              {t('queue.status')}: {t(`requestStatus.${r.status}`)}
              {r.awaitingLevel && ` · ${t('queue.awaiting', { level: t(`levels.${r.awaitingLevel}`) })}`}
            </p>
            <p lang={languageOfText(r.reason)}>{r.reason}</p>
            {r.steps.length > 0 && (
              <ul className="plain-list small">
                {r.steps.map((step) => (
                  <li key={`${step.level}-${step.decidedAt}`}>
                    {t('queue.step', {
                      level: t(`levels.${step.level}`),
                      decision: t(`queue.decisions.${step.decision}`, { defaultValue: step.decision }),
                      date: step.decidedAt.slice(0, 10),
                    })}
                    {step.comment ? ` — ${step.comment}` : ''}
                  </li>
                ))}
              </ul>
            )}
            <ChangeSummary payload={r.payload} subjects={r.subjects} />
            {r.householdId && (
              <Link to={`/registry/households/${r.householdId}`}>{t('queue.openHousehold')}</Link>
            )}
            {r.status === 'pending' && view === 'to-decide' && (
              <div className="form-row">
                <label>
                  {t('queue.comment')}
                  <input
                    value={comments[r.id] ?? ''}
                    onChange={(e) => setComments({ ...comments, [r.id]: e.target.value })}
                  />
                </label>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ id: r.id, decision: 'approve', comment: comments[r.id] })}
                >
                  {t('queue.approve')}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ id: r.id, decision: 'reject', comment: comments[r.id] })}
                >
                  {t('queue.reject')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
