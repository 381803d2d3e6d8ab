import type { VillageList } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/field';
import type { useListAction } from './assessment.api';

type Action = ReturnType<typeof useListAction>;

/** The next step of the list for the reader's role: display, approve or publish. */
export function ListActions({ list, role, action }: { list: VillageList; role: string; action: Action }) {
  const { t } = useTranslation('assessment');
  const [until, setUntil] = useState(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
  const [councilRef, setCouncilRef] = useState('');
  const post = (suffix: string, body?: unknown) =>
    action.mutate({ path: `/api/assessment/lists/${list.id}/${suffix}`, body });
  if (list.status === 'draft' && role === 'commune_officer')
    return (
      <div className="card">
        <Field label={t('objectionUntil')}>
          {(control) => (
            <input
              {...control}
              name="objectionUntil"
              type="date"
              value={until}
              onChange={(e) => setUntil(e.target.value)}
            />
          )}
        </Field>
        <button
          type="button"
          className="button button--primary"
          disabled={action.isPending}
          onClick={() => post('display', { objectionUntil: until })}
        >
          {t('display')}
        </button>
      </div>
    );
  if (list.status === 'displayed' && role === 'commune_officer')
    return (
      <div className="card">
        <Field label={t('councilRef')}>
          {(control) => (
            <input
              {...control}
              name="councilDecisionRef"
              value={councilRef}
              onChange={(e) => setCouncilRef(e.target.value)}
            />
          )}
        </Field>
        <button
          type="button"
          className="button button--primary"
          disabled={action.isPending}
          onClick={() => post('approve', { councilDecisionRef: councilRef })}
        >
          {t('approve')}
        </button>
      </div>
    );
  if (list.status === 'approved' && ['provincial_officer', 'national_officer'].includes(role))
    return (
      <button
        type="button"
        className="button button--primary"
        disabled={action.isPending}
        onClick={() => post('publish')}
      >
        {t('publish')}
      </button>
    );
  return null;
}

/** Records an objection to one household of a displayed list. */
export function ObjectionForm({ list, action }: { list: VillageList; action: Action }) {
  const { t } = useTranslation('assessment');
  const [householdId, setHouseholdId] = useState(list.entries[0]?.householdId ?? '');
  const [lodgedByName, setLodgedByName] = useState('');
  const [reason, setReason] = useState('');
  const [requestedLevel, setRequestedLevel] = useState('2');
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    action.mutate({
      path: `/api/assessment/lists/${list.id}/objections`,
      body: {
        householdId,
        lodgedByName,
        reason,
        requestedLevel: requestedLevel === 'none' ? null : Number(requestedLevel),
      },
    });
  }
  return (
    <form className="stacked-form card" onSubmit={onSubmit} noValidate>
      <h3 className="inline-heading">{t('recordObjection')}</h3>
      <Field label={t('household')}>
        {(control) => (
          <select
            {...control}
            name="householdId"
            value={householdId}
            onChange={(e) => setHouseholdId(e.target.value)}
          >
            {list.entries.map((e) => (
              <option key={e.householdId} value={e.householdId}>
                {`${e.householdRef} ${e.headNameKm ?? ''}`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('lodgedBy')}>
        {(control) => (
          <input
            {...control}
            name="lodgedByName"
            value={lodgedByName}
            onChange={(e) => setLodgedByName(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('reason')}>
        {(control) => (
          <textarea
            {...control}
            name="objectionReason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('requestedLevel')}>
        {(control) => (
          <select
            {...control}
            name="requestedLevel"
            value={requestedLevel}
            onChange={(e) => setRequestedLevel(e.target.value)}
          >
            <option value="1">{t('levels.1')}</option>
            <option value="2">{t('levels.2')}</option>
            <option value="none">{t('offList')}</option>
          </select>
        )}
      </Field>
      <button type="submit" className="button" disabled={action.isPending}>
        {t('recordObjection')}
      </button>
    </form>
  );
}
