import type { Job } from '@mlob/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { JobCard, jobKindLabel } from './job-card';
import { isJobActive, useCancelJob, useJobs, useStartAuditVerify } from './jobs.api';

/** Announces status changes (not every tick) to screen readers. */
function useStatusAnnouncement(jobs: Job[] | undefined): string {
  const { t } = useTranslation('jobs');
  const previous = useRef(new Map<string, Job['status']>());
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!jobs) return;
    const changes: string[] = [];
    for (const job of jobs) {
      const before = previous.current.get(job.id);
      if (before !== undefined && before !== job.status) {
        changes.push(t('announce', { kind: jobKindLabel(t, job.kind), status: t(`statuses.${job.status}`) }));
      }
      previous.current.set(job.id, job.status);
    }
    if (changes.length > 0) setMessage(changes.join('. '));
  }, [jobs, t]);
  return message;
}

/** Jobs with live progress; admins can start an audit-trail verification from here. */
export function JobsPage() {
  const { t } = useTranslation('jobs');
  usePageTitle(t('title'));
  const me = useCurrentUser();
  const jobs = useJobs();
  const start = useStartAuditVerify();
  const cancel = useCancelJob();
  const announcement = useStatusAnnouncement(jobs.data?.items);
  const isPolling = jobs.data?.items.some(isJobActive) ?? false;

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {me.role === 'admin' && (
        <section className="card action-card" aria-labelledby="verify-title">
          <h2 id="verify-title" className="visually-hidden">
            {t('verifyAudit')}
          </h2>
          <p id="verify-hint" className="muted">
            {t('verifyAuditHint')}
          </p>
          <button
            type="button"
            className="button button--primary"
            aria-describedby="verify-hint"
            disabled={start.isPending}
            onClick={() => start.mutate()}
          >
            {start.isPending ? t('starting') : t('verifyAudit')}
          </button>
          <ErrorMessage error={start.error} />
        </section>
      )}
      <ErrorMessage error={jobs.error ?? cancel.error} />
      <p className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </p>
      {isPolling && <p className="muted small">{t('live')}</p>}
      {jobs.isPending && <p role="status">{t('common:common.loading')}</p>}
      {jobs.data && jobs.data.items.length === 0 && <p>{t('empty')}</p>}
      {jobs.data && jobs.data.items.length > 0 && (
        <ul className="job-list" aria-label={t('title')}>
          {jobs.data.items.map((job) => (
            <JobCard
              key={job.id}
              job={job}
              isCancelling={cancel.isPending && cancel.variables === job.id}
              onCancel={(id) => cancel.mutate(id)}
            />
          ))}
        </ul>
      )}
    </>
  );
}
