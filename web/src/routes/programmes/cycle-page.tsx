import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { PendingProgress } from './pending-progress';
import { formatRiel, type ImportReport, type Payroll, useCycle, usePost, useReport } from './programmes.api';

/** A cycle: approval steps, payroll and batches with their files, result import, reconciled totals. */
export function CyclePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('programmes');
  usePageTitle(t('cycle'));
  const lang = i18n.language;
  const cycle = useCycle(id);
  // Generating is idempotent: the button also reopens the payroll already generated.
  const [current, setCurrent] = useState<Payroll | null>(null);
  const payrollId = current?.id;
  const report = useReport(payrollId);
  const decide = usePost([['cycles', id]], () => `/api/cycles/${id}/decisions`);
  const generate = usePost<Payroll>([], () => `/api/cycles/${id}/payroll`);
  const upload = usePost<ImportReport>(
    [['payrolls', payrollId, 'report']],
    () => `/api/payrolls/${payrollId}/results`,
  );
  const reissue = usePost<Payroll>(
    [['payrolls', payrollId, 'report']],
    () => `/api/payrolls/${payrollId}/reissue`,
  );
  const c = cycle.data;
  const nextStep = c ? c.approvals.length + 1 : 1;
  return (
    <>
      <h1>
        {t('cycle')} {c?.programmeCode} {c?.period}
      </h1>
      <ErrorMessage error={cycle.error} />
      {c && (
        <section className="card" data-testid="cycle-summary">
          <p>
            {t(`cycleStatus.${c.status}`)} · {t('households', { count: c.householdCount })} ·{' '}
            {formatRiel(c.totalRiel, lang)} {t('riel')}
          </p>
          {c.unconfirmedCount > 0 && (
            <p className="alert">{t('unconfirmedWarning', { count: c.unconfirmedCount })}</p>
          )}
          <ol>
            {c.approvalRoles.map((role, i) => {
              const done = c.approvals.find((a) => a.stepNo === i + 1);
              return (
                <li key={role}>
                  {t(`common:roles.${role}`)}: {done ? t(`decisions.${done.decision}`) : t('waiting')}
                </li>
              );
            })}
          </ol>
          {c.status === 'prepared' && (
            <div className="button-row">
              <button
                type="button"
                className="button"
                onClick={() => decide.mutate({ body: { stepNo: nextStep, decision: 'approved' } })}
              >
                {t('approveStep', { step: nextStep })}
              </button>
              <button
                type="button"
                className="button button--danger"
                onClick={() => decide.mutate({ body: { stepNo: nextStep, decision: 'rejected' } })}
              >
                {t('rejectStep', { step: nextStep })}
              </button>
            </div>
          )}
          <ErrorMessage error={decide.error} />
        </section>
      )}
      {c?.status === 'approved' && (
        <section className="card">
          <h2 className="inline-heading">{t('payroll')}</h2>
          <button
            type="button"
            className="button"
            onClick={() => generate.mutate({}, { onSuccess: (p) => setCurrent(p) })}
          >
            {t('generatePayroll')}
          </button>
          <PendingProgress isPending={generate.isPending} label={t('payrollProgress')} />
          <ErrorMessage error={generate.error} />
          {current && (
            <ul data-testid="batches">
              {current.batches.map((b) => (
                <li key={b.id}>
                  {b.providerCode} #{b.batchNo} ({t(`batchKinds.${b.kind}`)}) ·{' '}
                  {t('payments', { count: b.paymentCount })} · {formatRiel(b.totalRiel, lang)} {t('riel')} ·{' '}
                  <a href={`/api/payment-batches/${b.id}/file`} download>
                    {t('downloadFile')}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {payrollId && (
            <>
              <Field label={t('resultFile')} hint={t('resultFileHint')}>
                {(control) => (
                  <input
                    {...control}
                    name="resultFile"
                    type="file"
                    accept=".csv,text/csv"
                    onChange={async (e) => {
                      const file = e.target.files?.[0];
                      if (file) upload.mutate({ body: { fileName: file.name, content: await file.text() } });
                    }}
                  />
                )}
              </Field>
              <PendingProgress isPending={upload.isPending} label={t('importProgress')} />
              <ErrorMessage error={upload.error} />
              {upload.data && (
                <div aria-live="polite" data-testid="import-report">
                  <p>
                    {t(upload.data.isRepeat ? 'importRepeat' : 'importApplied', {
                      applied: upload.data.appliedCount,
                      lines: upload.data.lineCount,
                    })}
                  </p>
                  <ul>
                    {upload.data.problems.map((p) => (
                      <li key={p.line} lang="en">
                        {t('line', { line: p.line })} {p.ref}: {p.problem}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <button
                type="button"
                className="button"
                onClick={() =>
                  reissue.mutate(
                    { body: { reason: t('reissueReason') } },
                    { onSuccess: (p) => setCurrent(p) },
                  )
                }
              >
                {t('reissueFailed')}
              </button>
              <PendingProgress isPending={reissue.isPending} label={t('reissueProgress')} />
              <ErrorMessage error={reissue.error} />
              {report.data && (
                <table data-testid="report">
                  <caption>{report.data.isBalanced ? t('balanced') : t('notBalanced')}</caption>
                  <tbody>
                    {(['approved', 'paid', 'failed', 'unclaimed', 'expired', 'pending'] as const).map((k) => (
                      <tr key={k}>
                        <th scope="row">{t(`totals.${k}`)}</th>
                        <td>{report.data[k].count}</td>
                        <td>
                          {formatRiel(report.data[k].riel, lang)} {t('riel')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}
