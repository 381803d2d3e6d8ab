import type { AuditAnswer, ChecklistVersionDetail } from '@mlob/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalAnswer } from './offline-answers';

type Item = ChecklistVersionDetail['sections'][number]['items'][number];

/**
 * One answerable item: big touch targets for Yes / Partial / No / N/A (only those the checklist
 * offers), a comment, and the N/A justification the server requires.
 */
export function AnswerEntry({
  item,
  value,
  isEditable,
  rejectedBecause,
  onChange,
}: {
  item: Item;
  value: LocalAnswer | undefined;
  isEditable: boolean;
  rejectedBecause: string | undefined;
  onChange: (value: Omit<LocalAnswer, 'clientAt'>) => void;
}) {
  const { t } = useTranslation('labs');
  const id = useId();
  const [comment, setComment] = useState(value?.comment ?? '');
  const [justification, setJustification] = useState(value?.naJustification ?? '');
  const answer = value?.answer ?? null;
  const change = (next: Partial<Omit<LocalAnswer, 'clientAt'>>) =>
    onChange({ answer, comment, naJustification: justification, ...next });
  return (
    <div data-item={item.id}>
      <fieldset
        className="labs-answers"
        disabled={!isEditable}
        aria-label={t('entry.answerFor', { id: item.id })}
      >
        {item.answers.map((option: AuditAnswer) => (
          <label key={option}>
            <input
              type="radio"
              name={`answer-${item.id}`}
              value={option}
              checked={answer === option}
              onChange={() => change({ answer: option })}
            />
            <span>{t(`answers.${option}`)}</span>
          </label>
        ))}
      </fieldset>
      {answer === 'na' && (
        <p>
          <label htmlFor={`${id}-na`}>{t('entry.naJustification')}</label>
          <input
            id={`${id}-na`}
            name={`na-${item.id}`}
            value={justification}
            disabled={!isEditable}
            onChange={(e) => setJustification(e.target.value)}
            onBlur={() => change({ naJustification: justification })}
            required
          />
        </p>
      )}
      {answer !== null && answer !== 'yes' && (
        <p>
          <label htmlFor={`${id}-comment`}>{t('entry.comment')}</label>
          <textarea
            id={`${id}-comment`}
            name={`comment-${item.id}`}
            rows={2}
            value={comment}
            disabled={!isEditable}
            onChange={(e) => setComment(e.target.value)}
            onBlur={() => change({ comment })}
          />
        </p>
      )}
      {rejectedBecause && (
        <p className="alert alert--error" role="alert">
          {t('entry.rejected')} <span lang="en">{rejectedBecause}</span>
        </p>
      )}
    </div>
  );
}
