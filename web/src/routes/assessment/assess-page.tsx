import type { Answers } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { type OnDemandInput, useModel, useModels, useRecordOnDemand } from './assessment.api';
import { QuestionnaireFields } from './questionnaire-fields';

const VIA = ['village_chief', 'commune_councillor', 'officer'] as const;

/** On-demand assessment of one household: the request, then the interview, scored on save. */
export function AssessPage() {
  const { householdId = '' } = useParams();
  const { t, i18n } = useTranslation('assessment');
  usePageTitle(t('onDemand'));
  const lang = i18n.language === 'km' ? 'km' : 'en';
  const models = useModels();
  const [modelId, setModelId] = useState<number | undefined>();
  const chosenId = modelId ?? models.data?.items[0]?.id;
  const model = useModel(chosenId);
  const [via, setVia] = useState<OnDemandInput['requestedVia']>('village_chief');
  const [requesterName, setRequesterName] = useState('');
  const [reason, setReason] = useState('');
  const [interviewerName, setInterviewerName] = useState('');
  const [interviewedOn, setInterviewedOn] = useState(new Date().toISOString().slice(0, 10));
  const [answers, setAnswers] = useState<Answers>({});
  const record = useRecordOnDemand();
  const navigate = useNavigate();
  const errors = isApiError(record.error) ? record.error.fieldErrors() : {};

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!chosenId || !model.data) return;
    // A multiple choice left empty is an answer too: none of the options.
    const complete: Answers = { ...answers };
    for (const q of model.data.questionnaire.questions)
      if (q.type === 'multi' && complete[q.key] === undefined) complete[q.key] = [];
    record.mutate(
      {
        householdId,
        requestedVia: via,
        requesterName,
        reason,
        modelVersionId: chosenId,
        interviewerName,
        interviewedOn,
        answers: complete,
      },
      { onSuccess: (a) => navigate(`/assessment/assessments/${a.id}`) },
    );
  }

  return (
    <form className="stacked-form page--narrow" onSubmit={onSubmit} noValidate>
      <h1>{t('onDemand')}</h1>
      {model.data?.isIllustrative && <p className="alert alert--warning">{t('illustrative')}</p>}
      <ErrorMessage error={models.error ?? model.error} />
      <fieldset className="card">
        <legend>
          <h2 className="inline-heading">{t('request')}</h2>
        </legend>
        <Field label={t('requestedVia')}>
          {(control) => (
            <select
              {...control}
              name="requestedVia"
              value={via}
              onChange={(e) => setVia(e.target.value as typeof via)}
            >
              {VIA.map((v) => (
                <option key={v} value={v}>
                  {t(`via.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('requesterName')} error={errors.requesterName}>
          {(control) => (
            <input
              {...control}
              name="requesterName"
              value={requesterName}
              onChange={(e) => setRequesterName(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('reason')} error={errors.reason}>
          {(control) => (
            <textarea {...control} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
        </Field>
      </fieldset>
      <fieldset className="card">
        <legend>
          <h2 className="inline-heading">{t('interview')}</h2>
        </legend>
        <Field label={t('model')}>
          {(control) => (
            <select
              {...control}
              name="modelVersionId"
              value={chosenId ?? ''}
              onChange={(e) => {
                setModelId(Number(e.target.value));
                setAnswers({});
              }}
            >
              {models.data?.items.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('interviewer')} error={errors.interviewerName}>
          {(control) => (
            <input
              {...control}
              name="interviewerName"
              value={interviewerName}
              onChange={(e) => setInterviewerName(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('interviewedOn')} error={errors.interviewedOn}>
          {(control) => (
            <input
              {...control}
              name="interviewedOn"
              type="date"
              value={interviewedOn}
              onChange={(e) => setInterviewedOn(e.target.value)}
            />
          )}
        </Field>
      </fieldset>
      {model.data && (
        <QuestionnaireFields
          questionnaire={model.data.questionnaire}
          answers={answers}
          setAnswer={(key, value) =>
            setAnswers((current) => {
              const next = { ...current };
              if (value === undefined) delete next[key];
              else next[key] = value;
              return next;
            })
          }
          errors={errors}
        />
      )}
      <ErrorMessage error={record.error} />
      <button type="submit" className="button button--primary" disabled={record.isPending || !model.data}>
        {t('submitAssessment')}
      </button>
    </form>
  );
}
