import type { Job } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { ProgressBar } from '../../components/progress-bar';
import { PendingProgress } from './pending-progress';
import {
  type Cycle,
  formatRiel,
  useCycles,
  useEnrolments,
  useJob,
  usePost,
  useProgramme,
} from './programmes.api';

interface ExplanationNode {
  test: string;
  isPassed: boolean;
  because: string;
  parts?: ExplanationNode[];
}

function ExplanationTree({ node }: { node: ExplanationNode }) {
  return (
    <li>
      <span className={node.isPassed ? 'status status--succeeded' : 'status status--failed'}>
        {node.isPassed ? '✓' : '✗'}
      </span>{' '}
      <code lang="en">{node.test}</code>{' '}
      <span className="muted" lang="en">
        — {node.because}
      </span>
      {node.parts && (
        <ul>
          {node.parts.map((p) => (
            <ExplanationTree key={`${p.test} ${p.because}`} node={p} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** One programme: versions, explanation, enrolment run with live progress, cycles. */
export function ProgrammePage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation('programmes');
  const programme = useProgramme(code);
  const lang = i18n.language === 'km' ? 'km' : 'en';
  usePageTitle(programme.data?.name[lang] ?? code);
  const enrolments = useEnrolments(code);
  const cycles = useCycles(code);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const activate = usePost([['programmes']], (v) => `/api/programmes/${code}/versions/${v}/activate`);
  const enrol = usePost<{ jobId: string }>([['jobs']], () => `/api/programmes/${code}/enrolment-runs`);
  const prepare = usePost<Cycle>([['programmes', code, 'cycles']], () => `/api/programmes/${code}/cycles`);
  const [period, setPeriod] = useState(new Date().toISOString().slice(0, 7));
  const [householdRef, setHouseholdRef] = useState('');
  const [explanation, setExplanation] = useState<{
    isEligible: boolean;
    explanation: ExplanationNode;
  } | null>(null);
  const [explainError, setExplainError] = useState<unknown>(null);
  const finished: Job | undefined =
    job.data && !['queued', 'running'].includes(job.data.status) ? job.data : undefined;
  if (finished && enrolments.dataUpdatedAt < Date.parse(finished.finishedAt ?? '')) void enrolments.refetch();

  async function explain(event: FormEvent) {
    event.preventDefault();
    setExplainError(null);
    try {
      setExplanation(
        await apiGet(`/api/programmes/${code}/households/${encodeURIComponent(householdRef)}/explanation`),
      );
    } catch (error) {
      setExplanation(null);
      setExplainError(error);
    }
  }
  return (
    <>
      <h1>{programme.data?.name[lang] ?? code}</h1>
      <ErrorMessage error={programme.error ?? activate.error} />
      <section className="card">
        <h2 className="inline-heading">{t('versions')}</h2>
        <ul>
          {programme.data?.versions.map((v) => (
            <li key={v.id}>
              {t('version', { version: v.version })} ·{' '}
              <span className="badge">{t(`statuses.${v.status}`)}</span> ·{' '}
              <code lang="en">{v.eligibilityRule}</code>
              {v.status === 'draft' && (
                <button
                  type="button"
                  className="button"
                  onClick={() => activate.mutate({ target: v.version })}
                >
                  {t('activate')}
                </button>
              )}
              <ul>
                {v.benefits.map((b) => (
                  <li key={`${b.component} ${b.categoryCode} ${b.locationClass} ${b.povertyLevel}`}>
                    {t(`components.${b.component}`)} {b.categoryCode ?? ''} {b.locationClass ?? ''}{' '}
                    {b.povertyLevel ? `L${b.povertyLevel}` : ''}: {formatRiel(b.amountRiel, lang)} {t('riel')}{' '}
                    {!b.isConfirmed && <span className="badge">{t('unconfirmed')}</span>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2 className="inline-heading">{t('enrolment')}</h2>
        <button
          type="button"
          className="button"
          onClick={() => enrol.mutate({}, { onSuccess: (r) => setJobId(r.jobId) })}
        >
          {t('runEnrolment')}
        </button>
        <ErrorMessage error={enrol.error} />
        {job.data && (
          <div aria-live="polite">
            <ProgressBar done={job.data.done} total={job.data.total} label={t('enrolmentProgress')} />
            <p>{t(`jobStatus.${job.data.status}`)}</p>
          </div>
        )}
        <dl className="counts" data-testid="enrolment-counts">
          {Object.entries(enrolments.data?.counts ?? {}).map(([state, n]) => (
            <div key={state}>
              <dt>{t(`states.${state}`)}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
        <form className="inline-form" onSubmit={explain}>
          <Field label={t('householdRef')}>
            {(control) => (
              <input
                {...control}
                name="householdRef"
                value={householdRef}
                onChange={(e) => setHouseholdRef(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button">
            {t('explain')}
          </button>
        </form>
        <ErrorMessage error={explainError} />
        {explanation && (
          <div>
            <p>{explanation.isEligible ? t('eligible') : t('notEligible')}</p>
            <ul>
              <ExplanationTree node={explanation.explanation} />
            </ul>
          </div>
        )}
      </section>
      <section className="card">
        <h2 className="inline-heading">{t('cycles')}</h2>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            prepare.mutate({ body: { period } });
          }}
        >
          <Field label={t('period')}>
            {(control) => (
              <input {...control} name="period" value={period} onChange={(e) => setPeriod(e.target.value)} />
            )}
          </Field>
          <button type="submit" className="button">
            {t('prepareCycle')}
          </button>
        </form>
        <PendingProgress isPending={prepare.isPending} label={t('prepareProgress')} />
        <ErrorMessage error={prepare.error} />
        <ul>
          {cycles.data?.map((c) => (
            <li key={c.id}>
              <Link to={`/programmes/cycles/${c.id}`}>{c.period}</Link> · {t(`cycleStatus.${c.status}`)} ·{' '}
              {t('households', { count: c.householdCount })} · {formatRiel(c.totalRiel, lang)} {t('riel')}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
