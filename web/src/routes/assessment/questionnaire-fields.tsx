import type { Answers, Question, QuestionnaireFile } from '@mlob/contracts';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/field';

type Lang = 'en' | 'km';

/** Box and text side by side, with a row tall enough for a thumb. */
const OPTION_STYLE = { display: 'flex', alignItems: 'center', gap: '0.6rem', minHeight: '2.75rem' } as const;
const BOX_STYLE = { width: '1.4rem', height: '1.4rem', margin: 0, flex: 'none' } as const;

/** One input per question, by type; big touch targets for a phone. */
function QuestionInput({
  question,
  value,
  onChange,
  lang,
  error,
}: {
  question: Question;
  value: Answers[string] | undefined;
  onChange: (value: Answers[string] | undefined) => void;
  lang: Lang;
  error?: string;
}) {
  const { t } = useTranslation('assessment');
  const label = question.label[lang];
  switch (question.type) {
    case 'choice':
      return (
        <Field label={label} error={error}>
          {(control) => (
            <select
              {...control}
              name={question.key}
              value={String(value ?? '')}
              onChange={(e) => onChange(e.target.value || undefined)}
            >
              <option value="">{t('choose')}</option>
              {question.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="field">
          <legend className="field__label">{label}</legend>
          {error && <p className="field__error">{error}</p>}
          {question.options.map((o) => (
            <label key={o.value} style={OPTION_STYLE}>
              <input
                type="checkbox"
                style={BOX_STYLE}
                name={`${question.key}.${o.value}`}
                checked={chosen.includes(o.value)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))
                }
              />{' '}
              {o.label[lang]}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'number':
      if (question.computed) return <p className="muted">{`${label}: ${t('computed')}`}</p>;
      return (
        <Field label={question.unit ? `${label} (${question.unit[lang]})` : label} error={error}>
          {(control) => (
            <input
              {...control}
              name={question.key}
              type="number"
              inputMode={question.isInteger ? 'numeric' : 'decimal'}
              min={question.min}
              max={question.max}
              step={question.isInteger ? 1 : 0.01}
              value={value === undefined ? '' : String(value)}
              onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
            />
          )}
        </Field>
      );
    case 'boolean':
      return (
        <fieldset className="field">
          <legend className="field__label">{label}</legend>
          {error && <p className="field__error">{error}</p>}
          {[true, false].map((v) => (
            <label key={String(v)} style={OPTION_STYLE}>
              <input
                type="radio"
                style={BOX_STYLE}
                name={question.key}
                value={String(v)}
                checked={value === v}
                onChange={() => onChange(v)}
              />{' '}
              {v ? t('yes') : t('no')}
            </label>
          ))}
        </fieldset>
      );
  }
}

/** The questionnaire, section by section, in the reader's language. */
export function QuestionnaireFields({
  questionnaire,
  answers,
  setAnswer,
  errors,
}: {
  questionnaire: QuestionnaireFile;
  answers: Answers;
  setAnswer: (key: string, value: Answers[string] | undefined) => void;
  errors: Record<string, string>;
}) {
  const { t, i18n } = useTranslation('assessment');
  const lang: Lang = i18n.language === 'km' ? 'km' : 'en';
  const sections = [...new Set(questionnaire.questions.map((q) => q.section))];
  return (
    <>
      {sections.map((section) => (
        <fieldset key={section} className="card">
          <legend>
            <h3 className="inline-heading">{t(`sections.${section}`)}</h3>
          </legend>
          {questionnaire.questions
            .filter((q) => q.section === section)
            .map((q) => (
              <QuestionInput
                key={q.key}
                question={q}
                value={answers[q.key]}
                onChange={(v) => setAnswer(q.key, v)}
                lang={lang}
                error={errors[`answers.${q.key}`]}
              />
            ))}
        </fieldset>
      ))}
    </>
  );
}
