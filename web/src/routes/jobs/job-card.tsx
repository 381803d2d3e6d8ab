import type { Job } from '@mlob/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../components/progress-bar';
import { formatNumber, formatDateTime as formatTime } from '../../i18n/format';
import { WEB_MODULES } from '../../modules';
import { isJobActive } from './jobs.api';

/** A job kind's label: `jobKinds.<kind with _ for .>` from any module's strings, else the kind itself. */
export function jobKindLabel(t: TFunction, kind: string): string {
  const namespaces = [...WEB_MODULES.map((m) => m.id), 'common'];
  return t(`jobKinds.${kind.replaceAll('.', '_')}`, { ns: namespaces, defaultValue: kind });
}

function formatDuration(t: TFunction, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('duration.seconds', { s });
  if (s < 3600) return t('duration.minutes', { m: Math.floor(s / 60), s: s % 60 });
  return t('duration.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

interface AuditVerifyResult {
  checked: number;
  isIntact: boolean;
  problems: { seq: number; problem: string }[];
}

function isAuditVerifyResult(value: unknown): value is AuditVerifyResult {
  return typeof value === 'object' && value !== null && 'isIntact' in value && 'checked' in value;
}

function ResultSummary({ job }: { job: Job }) {
  const { t } = useTranslation('jobs');
  if (job.result === null || job.result === undefined) return null;
  if (isAuditVerifyResult(job.result)) {
    const r = job.result;
    return r.isIntact ? (
      <p className="job__result job__result--ok">{t('result.auditIntact', { count: r.checked })}</p>
    ) : (
      <p className="job__result job__result--bad">
        {t('result.auditBroken', { problems: r.problems.map((p) => `#${p.seq} ${p.problem}`).join('; ') })}
      </p>
    );
  }
  return (
    <pre className="job__result">
      <code>{JSON.stringify(job.result, null, 1).slice(0, 500)}</code>
    </pre>
  );
}

/** One job: what it is, its status, a live progress bar with rate and ETA, and its outcome. */
export function JobCard({
  job,
  onCancel,
  isCancelling,
}: {
  job: Job;
  onCancel: (id: string) => void;
  isCancelling: boolean;
}) {
  const { t } = useTranslation('jobs');
  const kind = jobKindLabel(t, job.kind);
  const percent = job.total && job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : null;
  const figures = [
    job.total !== null
      ? t('doneOfTotal', { done: formatNumber(job.done), total: formatNumber(job.total) })
      : t('doneOnly', { done: formatNumber(job.done) }),
    percent !== null ? t('percent', { percent }) : null,
    job.status === 'running' && job.rate !== null ? t('rate', { rate: formatNumber(job.rate, 1) }) : null,
    job.status === 'running' && job.etaSeconds !== null
      ? t('eta', { time: formatDuration(t, job.etaSeconds) })
      : null,
  ].filter((x): x is string => x !== null);
  return (
    <li className={`card job job--${job.status}`} data-job-id={job.id} data-status={job.status}>
      <div className="job__head">
        <h3 className="job__kind">{kind}</h3>
        <span className={`status status--${job.status}`}>{t(`statuses.${job.status}`)}</span>
      </div>
      <ProgressBar
        done={job.done}
        total={job.status === 'succeeded' && job.total === null ? job.done : job.total}
        label={t('progressLabel', { kind })}
      />
      <p className="job__figures">{figures.join(' · ')}</p>
      <dl className="job__times">
        <div>
          <dt>{t('created')}</dt>
          <dd>{formatTime(job.createdAt)}</dd>
        </div>
        {job.finishedAt && (
          <div>
            <dt>{t('finished')}</dt>
            <dd>{formatTime(job.finishedAt)}</dd>
          </div>
        )}
      </dl>
      {job.error && (
        <p className="job__error" lang="en">
          {job.error}
        </p>
      )}
      <ResultSummary job={job} />
      {isJobActive(job) && (
        <button
          type="button"
          className="button button--danger"
          disabled={isCancelling}
          aria-label={t('cancelLabel', { kind, time: formatTime(job.createdAt) })}
          onClick={() => onCancel(job.id)}
        >
          {t('cancel')}
        </button>
      )}
    </li>
  );
}
