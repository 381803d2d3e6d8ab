import type { DuplicateCandidate } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { PageNav } from './page-nav';
import {
  DUPLICATES_PAGE,
  type DuplicateStatus,
  fieldErrorsOf,
  useDecideDuplicate,
  useDuplicates,
} from './registry-admin.api';
import { RegistryNav } from './registry-nav';
import './registry.css';

// An undone merge puts the pair back among those to review ('open').
const STATUSES: DuplicateStatus[] = ['open', 'merged', 'dismissed'];

/** The duplicate review queue: two records side by side, merge (choose who stays), dismiss or undo. */
export function DuplicatesPage() {
  const { t } = useTranslation('registry');
  usePageTitle(t('duplicates.title'));
  const [status, setStatus] = useState<DuplicateStatus>('open');
  const [offset, setOffset] = useState(0);
  const queue = useDuplicates(status, offset);
  // Shown at page level: the decided card leaves the list it was in.
  const [lastDone, setLastDone] = useState<DuplicateStatus | null>(null);
  return (
    <>
      <h1>{t('duplicates.title')}</h1>
      <RegistryNav />
      <p className="muted">{t('duplicates.hint')}</p>
      <fieldset className="form-row choices">
        <legend>{t('queue.view')}</legend>
        {STATUSES.map((s) => (
          <label key={s}>
            <input
              type="radio"
              name="status"
              checked={status === s}
              onChange={() => {
                setStatus(s);
                setOffset(0);
              }}
            />{' '}
            {t(`duplicates.status.${s}`)}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={queue.error} />
      <div aria-live="polite">
        {lastDone && <p className="alert alert--success">{t(`duplicates.done.${lastDone}`)}</p>}
      </div>
      {queue.data && queue.data.items.length === 0 && <p>{t('duplicates.empty')}</p>}
      <ul className="card-list">
        {queue.data?.items.map((c) => (
          <li key={c.id}>
            <CandidateCard candidate={c} onDecided={setLastDone} />
          </li>
        ))}
      </ul>
      {queue.data && (offset > 0 || queue.data.hasMore) && (
        <PageNav
          label={t('search.pages')}
          hasPrevious={offset > 0}
          hasNext={queue.data.hasMore}
          onPrevious={() => setOffset(Math.max(0, offset - DUPLICATES_PAGE))}
          onNext={() => setOffset(offset + DUPLICATES_PAGE)}
        />
      )}
    </>
  );
}

type Side = DuplicateCandidate['a'];
const ROWS = [
  'nameKm',
  'nameLatin',
  'sex',
  'birthDate',
  'nationalId',
  'phone',
  'relation',
  'household',
  'village',
  'status',
] as const;

function CandidateCard({
  candidate,
  onDecided,
}: {
  candidate: DuplicateCandidate;
  onDecided: (status: DuplicateStatus) => void;
}) {
  const { t } = useTranslation('registry');
  const decide = useDecideDuplicate();
  const [survivor, setSurvivor] = useState<'a' | 'b'>('a');
  const [reason, setReason] = useState('');
  const errors = fieldErrorsOf(decide.error);
  const titleId = `dup-${candidate.id}`;
  const { a, b } = candidate;

  function cell(side: Side, row: (typeof ROWS)[number]) {
    switch (row) {
      case 'nameKm':
        return <span lang="km">{`${side.familyNameKm} ${side.givenNameKm}`}</span>;
      case 'nameLatin':
        return (
          <span lang="en">
            {[side.familyNameLatin, side.givenNameLatin].filter(Boolean).join(' ') || '—'}
          </span>
        );
      case 'sex':
        return t(`sex.${side.sex}`);
      case 'birthDate':
        return side.birthDate ?? '—';
      case 'nationalId':
        return side.nationalId ?? '—';
      case 'phone':
        return side.phone ?? '—';
      case 'relation':
        return t(`relation.${side.relationToHead}`);
      case 'household':
        return <Link to={`/registry/households/${side.householdId}`}>{side.householdRef}</Link>;
      case 'village':
        return side.villageCode;
      case 'status':
        return t(`memberStatus.${side.status}`);
    }
  }
  const isSame = (row: (typeof ROWS)[number]) =>
    row !== 'household' && row !== 'status' && textOf(a, row) !== '' && textOf(a, row) === textOf(b, row);

  // Each button names its decision; Enter in a field submits nothing by accident.
  function decideWith(decision: 'merge' | 'dismiss' | 'unmerge') {
    decide.mutate(
      { id: candidate.id, decision, reason, survivor },
      { onSuccess: (done) => onDecided(done.status) },
    );
  }

  return (
    <article className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t('duplicates.pair', { a: a.memberRef, b: b.memberRef })}{' '}
        <span className="badge">{t('duplicates.score', { score: candidate.score.toFixed(2) })}</span>
      </h2>
      <p>
        {t('duplicates.reasons')}:{' '}
        {candidate.reasons.map((r) => t(`duplicates.reason.${r}`, { defaultValue: r })).join(' · ')}
      </p>
      <div className="table-wrap">
        <table className="table compare">
          <caption className="visually-hidden">{t('duplicates.compare')}</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">{t('duplicates.recordA', { ref: a.memberRef })}</th>
              <th scope="col">{t('duplicates.recordB', { ref: b.memberRef })}</th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row} className={isSame(row) ? 'is-same' : undefined}>
                <th scope="row">{t(`duplicates.row.${row}`)}</th>
                <td>{cell(a, row)}</td>
                <td>{cell(b, row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(candidate.status === 'open' || candidate.status === 'merged') && (
        <form
          onSubmit={(event: FormEvent) => event.preventDefault()}
          aria-label={t('duplicates.decide', { ref: `${a.memberRef} / ${b.memberRef}` })}
        >
          {candidate.status === 'open' && (
            <fieldset className="form-row choices">
              <legend>{t('duplicates.survivor')}</legend>
              {(['a', 'b'] as const).map((s) => (
                <label key={s}>
                  <input
                    type="radio"
                    name={`survivor-${candidate.id}`}
                    checked={survivor === s}
                    onChange={() => setSurvivor(s)}
                  />{' '}
                  {t('duplicates.keep', { ref: (s === 'a' ? a : b).memberRef })}
                </label>
              ))}
            </fieldset>
          )}
          <Field label={t('duplicates.why')} hint={t('duplicates.whyHint')} error={errors.reason}>
            {(control) => (
              <textarea {...control} value={reason} onChange={(e) => setReason(e.target.value)} />
            )}
          </Field>
          <div className="form-row">
            {candidate.status === 'open' ? (
              <>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={decide.isPending}
                  onClick={() => decideWith('merge')}
                >
                  {t('duplicates.merge')}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={decide.isPending}
                  onClick={() => decideWith('dismiss')}
                >
                  {t('duplicates.dismiss')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="button button--danger"
                disabled={decide.isPending}
                onClick={() => decideWith('unmerge')}
              >
                {t('duplicates.unmerge')}
              </button>
            )}
          </div>
          <ErrorMessage error={decide.error} fieldLabels={{ reason: t('duplicates.why') }} />
        </form>
      )}
    </article>
  );
}

function textOf(side: Side, row: (typeof ROWS)[number]): string {
  switch (row) {
    case 'nameKm':
      return `${side.familyNameKm} ${side.givenNameKm}`;
    case 'nameLatin':
      return [side.familyNameLatin, side.givenNameLatin].filter(Boolean).join(' ').toLowerCase();
    case 'sex':
      return side.sex;
    case 'birthDate':
      return side.birthDate ?? '';
    case 'nationalId':
      return side.nationalId ?? '';
    case 'phone':
      return side.phone ?? '';
    case 'relation':
      return side.relationToHead;
    case 'household':
      return side.householdRef;
    case 'village':
      return side.villageCode;
    case 'status':
      return side.status;
  }
}
