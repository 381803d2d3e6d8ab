import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useMe } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { useCard, useListAction, useVerifyCard } from './assessment.api';

/** An Equity Card: number, level, validity, status, and its printable PDF with the QR code. */
export function CardPage() {
  const { id } = useParams();
  const { t } = useTranslation('assessment');
  usePageTitle(t('card'));
  const card = useCard(id);
  const c = card.data;
  const me = useMe();
  const role = me.data?.role ?? '';
  const action = useListAction();
  const [reason, setReason] = useState('');
  const canWarn =
    c?.status === 'active' && !c.warningAt && ['commune_officer', 'provincial_officer'].includes(role);
  const canRevoke =
    c?.status === 'active' &&
    Boolean(c.warningAt) &&
    ['provincial_officer', 'national_officer'].includes(role);
  return (
    <>
      <h1>{t('card')}</h1>
      <ErrorMessage error={card.error} />
      {c && (
        <dl className="card">
          <dt>{t('cardNumber')}</dt>
          <dd className="code" data-testid="card-number">
            {c.cardNumber}
          </dd>
          <dt>{t('level')}</dt>
          <dd>{t(`levels.${c.level}`)}</dd>
          <dt>{t('validFrom')}</dt>
          <dd>{c.validFrom}</dd>
          <dt>{t('validUntil')}</dt>
          <dd>{c.validUntil}</dd>
          <dt>{t('status')}</dt>
          <dd>
            {t(`statuses.${c.status}`)}
            {c.statusReason && <span lang="en">{` (${c.statusReason})`}</span>}
          </dd>
          {c.warningAt && (
            <>
              <dt>{t('warnedOn')}</dt>
              <dd>{`${c.warningAt.slice(0, 10)}: ${c.warningReason ?? ''}`}</dd>
            </>
          )}
          <dd>
            <a href={`/api/assessment/cards/${c.id}/card.pdf`} target="_blank" rel="noreferrer">
              {t('pdf')}
            </a>
          </dd>
        </dl>
      )}
      <ErrorMessage error={action.error} />
      {c && (canWarn || canRevoke) && (
        <div className="card">
          <Field label={t('reason')}>
            {(control) => (
              <input {...control} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            )}
          </Field>
          <button
            type="button"
            className="button button--danger"
            disabled={action.isPending}
            onClick={() =>
              action.mutate({
                path: `/api/assessment/cards/${c.id}/${canWarn ? 'warn' : 'revoke'}`,
                body: { reason },
              })
            }
          >
            {canWarn ? t('warn') : t('revoke')}
          </button>
        </div>
      )}
    </>
  );
}

/** Verification as other systems see it: valid or not, level, valid until. */
export function VerifyPage() {
  const { t } = useTranslation('assessment');
  usePageTitle(t('verifyCard'));
  const [input, setInput] = useState('');
  const [code, setCode] = useState<string | undefined>();
  const result = useVerifyCard(code);
  return (
    <form
      className="stacked-form page--narrow"
      onSubmit={(e) => {
        e.preventDefault();
        setCode(input.trim());
      }}
    >
      <h1>{t('verifyCard')}</h1>
      <Field label={t('cardNumber')} hint={t('verifyHint')}>
        {(control) => (
          <input {...control} name="code" value={input} onChange={(e) => setInput(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="button button--primary">
        {t('verify')}
      </button>
      <ErrorMessage error={result.error} />
      {result.data && (
        <p
          className={result.data.isValid ? 'alert alert--success' : 'alert alert--error'}
          role="status"
          data-testid="verification"
        >
          {`${result.data.cardNumber}: ${result.data.isValid ? t('valid') : t('invalid')}`}
          {result.data.level &&
            ` · ${t(`levels.${result.data.level}`)} · ${t('validUntil')} ${result.data.validUntil}`}
        </p>
      )}
    </form>
  );
}
