import type { ImportRun } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { ProgressBar } from '../../components/progress-bar';
import { formatNumber } from '../../i18n/format';
import { ImportIssues } from './import-issues';
import { useImportProgress, useUpload } from './registry.api';
import { RegistryNav } from './registry-nav';
import './registry.css';

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Upload households and members (two CSV or one XLSX), follow the import, read and download its problems. */
export function ImportPage() {
  const { t } = useTranslation('registry');
  usePageTitle(t('import.title'));
  const upload = useUpload();
  const [files, setFiles] = useState<{ households?: File; members?: File; xlsx?: File }>({});
  const [run, setRun] = useState<ImportRun | undefined>();
  const progress = useImportProgress(run);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = files.xlsx
      ? { xlsxBase64: await base64Of(files.xlsx), fileName: files.xlsx.name }
      : {
          householdsCsv: await files.households?.text(),
          membersCsv: await files.members?.text(),
          fileName: files.households?.name ?? 'upload',
        };
    upload.mutate(body, { onSuccess: setRun });
  }

  const job = progress.job;
  const current = progress.run;
  const isJobDone = job ? ['succeeded', 'failed', 'cancelled'].includes(job.status) : false;
  // While the job runs, the run's phase says what done/total count.
  const phase = isJobDone ? null : job?.status === 'queued' ? 'queued' : (current?.phase ?? null);
  return (
    <>
      <h1>{t('import.title')}</h1>
      <RegistryNav />
      <p className="muted">{t('import.format')}</p>
      <form className="card" onSubmit={submit}>
        <Field label={t('import.households')}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFiles({ ...files, households: e.target.files?.[0] })}
            />
          )}
        </Field>
        <Field label={t('import.members')}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFiles({ ...files, members: e.target.files?.[0] })}
            />
          )}
        </Field>
        <Field label={t('import.xlsx')} hint={t('import.xlsxHint')}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".xlsx"
              onChange={(e) => setFiles({ ...files, xlsx: e.target.files?.[0] })}
            />
          )}
        </Field>
        <button
          type="submit"
          className="button button--primary"
          disabled={upload.isPending || !(files.xlsx || (files.households && files.members))}
        >
          {upload.isPending ? t('import.uploading') : t('import.submit')}
        </button>
      </form>
      <ErrorMessage error={upload.error ?? progress.error} />
      {job && (
        <section className="card" aria-labelledby="progress-title" aria-live="polite">
          <h2 id="progress-title">{t('import.progress')}</h2>
          <ProgressBar
            // A new bar per phase: it starts from empty instead of sliding back from full.
            key={phase ?? 'done'}
            done={isJobDone ? 1 : phase === 'queued' ? 0 : job.done}
            total={isJobDone ? 1 : phase === 'queued' ? 1 : job.total}
            label={t('import.progress')}
          />
          {phase && (
            <p>
              {t(`import.phase.${phase}`, {
                done: formatNumber(job.done),
                total: job.total == null ? '?' : formatNumber(job.total),
              })}
            </p>
          )}
          <p>{t(`jobStatus.${job.status}`)}</p>
        </section>
      )}
      {current && current.status !== 'running' && (
        <section className="card" role="status">
          <h2>{t('import.result')}</h2>
          <p>
            {t('import.summary', {
              imported: formatNumber(current.imported),
              updated: formatNumber(current.updated),
              unchanged: formatNumber(current.unchanged),
              rejected: formatNumber(current.rejected),
              members: formatNumber(current.members),
            })}
          </p>
          {current.issues > 0 && (
            // A new run starts at its first page.
            <ImportIssues key={current.id} runId={current.id} total={current.issues} />
          )}
        </section>
      )}
    </>
  );
}
