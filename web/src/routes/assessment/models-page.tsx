import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { useModels } from './assessment.api';

async function readJson(file: File | undefined): Promise<unknown> {
  return file ? JSON.parse(await file.text()) : undefined;
}

/** Scoring model versions, and loading a new one from its JSON file (validated by the server). */
export function ModelsPage() {
  const { t, i18n } = useTranslation('assessment');
  usePageTitle(t('models'));
  const lang = i18n.language === 'km' ? 'km' : 'en';
  const me = useMe();
  const models = useModels();
  const queryClient = useQueryClient();
  const [modelFile, setModelFile] = useState<File | undefined>();
  const [questionnaireFile, setQuestionnaireFile] = useState<File | undefined>();
  const load = useMutation({
    mutationFn: async () =>
      apiPost<{ id: number }>('/api/assessment/models', {
        model: await readJson(modelFile),
        questionnaire: await readJson(questionnaireFile),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assessment', 'models'] }),
  });
  const canLoad = ['admin', 'national_officer'].includes(me.data?.role ?? '');
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    load.mutate();
  }
  return (
    <>
      <h1>{t('models')}</h1>
      <ErrorMessage error={models.error} />
      <ul>
        {models.data?.items.map((m) => (
          <li key={m.id}>
            <strong>{m.title[lang]}</strong> <span className="code">{m.code}</span>
            {m.isIllustrative && <span className="badge">{t('illustrativeBadge')}</span>}
            {` · ${t('levels.1')} ≤ ${m.cutoffs.level1} · ${t('levels.2')} ≤ ${m.cutoffs.level2}`}
          </li>
        ))}
      </ul>
      {canLoad && (
        <form className="stacked-form card" onSubmit={onSubmit} noValidate>
          <h2 className="inline-heading">{t('loadModel')}</h2>
          <p className="muted">{t('loadModelHelp')}</p>
          <Field label={t('modelFile')}>
            {(control) => (
              <input
                {...control}
                name="model"
                type="file"
                accept="application/json"
                onChange={(e) => setModelFile(e.target.files?.[0])}
              />
            )}
          </Field>
          <Field label={t('questionnaireFile')}>
            {(control) => (
              <input
                {...control}
                name="questionnaire"
                type="file"
                accept="application/json"
                onChange={(e) => setQuestionnaireFile(e.target.files?.[0])}
              />
            )}
          </Field>
          <div aria-live="polite">
            {load.isSuccess && <p className="alert alert--success">{t('done')}</p>}
          </div>
          <ErrorMessage error={load.error} />
          <button type="submit" className="button button--primary" disabled={!modelFile || load.isPending}>
            {t('loadModel')}
          </button>
        </form>
      )}
    </>
  );
}
