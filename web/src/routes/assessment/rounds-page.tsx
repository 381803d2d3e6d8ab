import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { ProgressBar } from '../../components/progress-bar';
import { isJobActive, useJob } from '../jobs/jobs.api';
import { useCreateRound, useModels, useRounds, useStartRescore } from './assessment.api';

const MANAGERS = ['admin', 'national_officer'];

/** Assessment rounds (numbered per setting), creating one, and re-scoring with a chosen model. */
export function RoundsPage() {
  const { t, i18n } = useTranslation('assessment');
  usePageTitle(t('rounds.title'));
  const lang = i18n.language === 'km' ? 'km' : 'en';
  const me = useMe();
  const rounds = useRounds();
  const models = useModels();
  const modelTitle = (id: number) => models.data?.items.find((m) => m.id === id)?.title[lang] ?? `#${id}`;
  const canManage = MANAGERS.includes(me.data?.role ?? '');

  return (
    <>
      <h1>{t('rounds.title')}</h1>
      <p className="alert alert--warning">{t('illustrative')}</p>
      <ErrorMessage error={rounds.error} />
      {rounds.data && rounds.data.items.length === 0 && <p>{t('rounds.none')}</p>}
      {rounds.data && rounds.data.items.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('rounds.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rounds.number')}</th>
              <th scope="col">{t('rounds.name')}</th>
              <th scope="col">{t('rounds.dates')}</th>
              <th scope="col">{t('rounds.model')}</th>
              <th scope="col">{t('rounds.villages')}</th>
              <th scope="col">{t('rounds.cardValidMonths')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.data.items.map((r) => (
              <tr key={r.id}>
                <td>{t('rounds.numbered', { setting: t(`settings.${r.setting}`), number: r.number })}</td>
                <td>{r.title}</td>
                <td>
                  {r.startsOn} – {r.endsOn}
                </td>
                <td>{modelTitle(r.modelVersionId)}</td>
                <td>{r.villageCount}</td>
                <td>{r.cardValidMonths}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && <NewRoundForm />}
      {canManage && <RescoreForm />}
    </>
  );
}

function NewRoundForm() {
  const { t, i18n } = useTranslation('assessment');
  const lang = i18n.language === 'km' ? 'km' : 'en';
  const models = useModels();
  const create = useCreateRound();
  const [form, setForm] = useState({
    setting: 'rural' as 'rural' | 'urban',
    title: '',
    startsOn: '',
    endsOn: '',
    modelVersionId: '',
    cardValidMonths: '36',
    areaCodes: '',
  });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const serverErrors = isApiError(create.error) ? create.error.fieldErrors() : {};
  const errors: Record<string, string | undefined> = {
    ...serverErrors,
    areaCodes: serverErrors.villageCodes ?? serverErrors['villageCodes.0'],
    ...localErrors,
  };
  const settingModels = models.data?.items.filter((m) => m.setting === form.setting) ?? [];
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const codes = form.areaCodes.split(/[\s,;]+/).filter(Boolean);
    const bad = codes.find((c) => !/^(\d{6}|\d{8})$/.test(c));
    const local: Record<string, string> = {};
    if (codes.length === 0) local.areaCodes = t('rounds.areaCodesRequired');
    else if (bad) local.areaCodes = t('rounds.areaCodeBad', { code: bad });
    if (!form.modelVersionId) local.modelVersionId = t('rounds.modelRequired');
    setLocalErrors(local);
    if (Object.keys(local).length > 0) return;
    create.mutate({
      setting: form.setting,
      title: form.title,
      startsOn: form.startsOn,
      endsOn: form.endsOn,
      modelVersionId: Number(form.modelVersionId),
      cardValidMonths: Number(form.cardValidMonths),
      areaCodes: codes,
    });
  }

  return (
    <form className="stacked-form card" onSubmit={onSubmit} noValidate aria-labelledby="new-round-heading">
      <h2 id="new-round-heading" className="inline-heading">
        {t('rounds.create')}
      </h2>
      <Field label={t('rounds.setting')}>
        {(control) => (
          <select
            {...control}
            name="setting"
            value={form.setting}
            onChange={(e) =>
              setForm({ ...form, setting: e.target.value as 'rural' | 'urban', modelVersionId: '' })
            }
          >
            <option value="rural">{t('settings.rural')}</option>
            <option value="urban">{t('settings.urban')}</option>
          </select>
        )}
      </Field>
      <Field label={t('rounds.name')} error={errors.title}>
        {(control) => (
          <input
            {...control}
            name="title"
            value={form.title}
            onChange={(e) => set('title')(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('rounds.startsOn')} error={errors.startsOn}>
        {(control) => (
          <input
            {...control}
            name="startsOn"
            type="date"
            value={form.startsOn}
            onChange={(e) => set('startsOn')(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('rounds.endsOn')} error={errors.endsOn}>
        {(control) => (
          <input
            {...control}
            name="endsOn"
            type="date"
            value={form.endsOn}
            onChange={(e) => set('endsOn')(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('rounds.model')} error={errors.modelVersionId}>
        {(control) => (
          <select
            {...control}
            name="modelVersionId"
            value={form.modelVersionId}
            onChange={(e) => set('modelVersionId')(e.target.value)}
          >
            <option value="">{t('rounds.chooseModel')}</option>
            {settingModels.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title[lang]} ({m.code})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('rounds.cardValidMonths')} error={errors.cardValidMonths}>
        {(control) => (
          <input
            {...control}
            name="cardValidMonths"
            type="number"
            min={1}
            max={120}
            value={form.cardValidMonths}
            onChange={(e) => set('cardValidMonths')(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('rounds.areaCodes')} hint={t('rounds.areaCodesHint')} error={errors.areaCodes}>
        {(control) => (
          <textarea
            {...control}
            name="areaCodes"
            rows={3}
            value={form.areaCodes}
            onChange={(e) => set('areaCodes')(e.target.value)}
          />
        )}
      </Field>
      <ErrorMessage error={create.error} />
      <div aria-live="polite">
        {create.data && (
          <p className="alert alert--success">
            {t('rounds.created', {
              setting: t(`settings.${create.data.setting}`),
              number: create.data.number,
              villages: create.data.villageCount,
            })}
          </p>
        )}
      </div>
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {t('rounds.create')}
      </button>
    </form>
  );
}

function RescoreForm() {
  const { t, i18n } = useTranslation('assessment');
  const lang = i18n.language === 'km' ? 'km' : 'en';
  const models = useModels();
  const rounds = useRounds();
  const start = useStartRescore();
  const job = useJob(start.data?.id ?? null).data ?? start.data;
  const [modelVersionId, setModelVersionId] = useState('');
  const [roundId, setRoundId] = useState('');
  const result = job?.status === 'succeeded' ? (job.result as { scored?: number } | null) : null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!modelVersionId) return;
    start.mutate({ modelVersionId: Number(modelVersionId), roundId: roundId || null });
  }

  return (
    <form className="stacked-form card" onSubmit={onSubmit} noValidate aria-labelledby="rescore-heading">
      <h2 id="rescore-heading" className="inline-heading">
        {t('rounds.rescore')}
      </h2>
      <p className="muted">{t('rounds.rescoreHelp')}</p>
      <Field label={t('rounds.model')}>
        {(control) => (
          <select
            {...control}
            name="rescoreModel"
            value={modelVersionId}
            onChange={(e) => setModelVersionId(e.target.value)}
          >
            <option value="">{t('rounds.chooseModel')}</option>
            {models.data?.items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title[lang]} ({m.code})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('rounds.which')}>
        {(control) => (
          <select
            {...control}
            name="rescoreRound"
            value={roundId}
            onChange={(e) => setRoundId(e.target.value)}
          >
            <option value="">{t('rounds.allAssessments')}</option>
            {rounds.data?.items.map((r) => (
              <option key={r.id} value={r.id}>
                {t('rounds.numbered', { setting: t(`settings.${r.setting}`), number: r.number })} · {r.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorMessage error={start.error} />
      <button
        type="submit"
        className="button button--primary"
        disabled={!modelVersionId || start.isPending || (job !== undefined && isJobActive(job))}
      >
        {t('rounds.startRescore')}
      </button>
      {job && (
        <section aria-live="polite" aria-labelledby="rescore-progress">
          <h3 id="rescore-progress">{t('rounds.progress')}</h3>
          <ProgressBar done={job.done} total={job.total} label={t('rounds.progress')} />
          <p>
            {t('rounds.progressText', { done: job.done, total: job.total ?? '?' })} ·{' '}
            {t(`rounds.jobStatus.${job.status}`)}
          </p>
          {result && (
            <p className="alert alert--success">{t('rounds.scored', { count: result.scored ?? 0 })}</p>
          )}
          {job.error && <p className="alert alert--error">{job.error}</p>}
        </section>
      )}
    </form>
  );
}
