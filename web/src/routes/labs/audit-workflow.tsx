import type { AuditDetail } from '@mlob/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { useAuditStep } from './labs.api';

/** Submit (auditing team), approve and publish (the Bureau), reopen with a reason. */
export function AuditWorkflow({ audit, pending }: { audit: AuditDetail; pending: number }) {
  const { t } = useTranslation('labs');
  const me = useMe();
  const step = useAuditStep(audit.id);
  const [reason, setReason] = useState('');
  const isBureau = me.data?.scope.kind === 'national';
  return (
    <section className="card" aria-labelledby="workflow-title">
      <h2 id="workflow-title">{t('workflow.title')}</h2>
      <ErrorMessage error={step.error} />
      {audit.status === 'draft' && (
        <>
          {pending > 0 && <p className="muted">{t('workflow.waitSync')}</p>}
          <button
            type="button"
            className="button button--primary"
            disabled={step.isPending || pending > 0}
            onClick={() => step.mutate({ step: 'submit' })}
          >
            {t('workflow.submit')}
          </button>
        </>
      )}
      {audit.status === 'submitted' && isBureau && (
        <button
          type="button"
          className="button button--primary"
          disabled={step.isPending}
          onClick={() => step.mutate({ step: 'approve' })}
        >
          {t('workflow.approve')}
        </button>
      )}
      {audit.status === 'approved' && isBureau && (
        <button
          type="button"
          className="button button--primary"
          disabled={step.isPending}
          onClick={() => step.mutate({ step: 'publish' })}
        >
          {t('workflow.publish')}
        </button>
      )}
      {audit.status !== 'draft' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            step.mutate({ step: 'reopen', reason }, { onSuccess: () => setReason('') });
          }}
        >
          <label htmlFor="reopen-reason">{t('workflow.reopenReason')}</label>
          <input
            id="reopen-reason"
            name="reopenReason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            minLength={5}
            required
          />
          <button type="submit" className="button" disabled={step.isPending}>
            {t('workflow.reopen')}
          </button>
        </form>
      )}
      <ol className="small muted">
        {audit.transitions.map((tr) => (
          <li key={`${tr.at}-${tr.toStatus}`}>
            {tr.at.slice(0, 16).replace('T', ' ')} · {t(`statuses.${tr.toStatus}`)} · {tr.byName}
            {tr.reason && ` · ${tr.reason}`}
          </li>
        ))}
      </ol>
    </section>
  );
}
