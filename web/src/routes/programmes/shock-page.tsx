import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { PendingProgress } from './pending-progress';
import { usePost } from './programmes.api';

interface ShockEvent {
  id: string;
  kind: string;
  name: { en: string; km: string };
  startsOn: string;
  endsOn: string | null;
  areaCodes: string[];
}

const KINDS = ['flood', 'drought', 'epidemic', 'price_shock', 'storm', 'other'] as const;

/** One event: a response plan (vertical or horizontal) and the households there never assessed. */
function EventPanel({ event }: { event: ShockEvent }) {
  const { t, i18n } = useTranslation('programmes');
  const lang = i18n.language === 'km' ? 'km' : 'en';
  const [mode, setMode] = useState<'vertical' | 'horizontal'>('horizontal');
  const [code, setCode] = useState('');
  const [sources, setSources] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [amount, setAmount] = useState('50000');
  const respond = usePost<{ programmeCode: string; enrolledCount: number }>(
    [['programmes']],
    () => `/api/shock/events/${event.id}/responses`,
  );
  const unassessed = useQuery({
    queryKey: ['shock', event.id, 'unassessed'],
    queryFn: ({ signal }) =>
      apiGet<{ householdRef: string; villageCode: string; memberCount: number }[]>(
        `/api/shock/events/${event.id}/unassessed`,
        { limit: 20 },
        signal,
      ),
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    respond.mutate({
      body: {
        mode,
        code,
        endsOn,
        sourceProgrammeCodes:
          mode === 'vertical'
            ? sources
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)
            : [],
        benefits: [{ component: 'household', amountRiel: Number(amount), isConfirmed: true }],
      },
    });
  }
  return (
    <li className="card">
      <h3 className="inline-heading">
        {event.name[lang]} · {t(`shockKinds.${event.kind}`)} · {event.startsOn} · {event.areaCodes.join(', ')}
      </h3>
      <form className="stacked-form" onSubmit={onSubmit} noValidate>
        <Field label={t('responseMode')}>
          {(control) => (
            <select
              {...control}
              name="mode"
              value={mode}
              onChange={(e) => setMode(e.target.value as 'vertical' | 'horizontal')}
            >
              <option value="horizontal">{t('modes.horizontal')}</option>
              <option value="vertical">{t('modes.vertical')}</option>
            </select>
          )}
        </Field>
        <Field label={t('code')} hint={t('codeHint')}>
          {(control) => (
            <input {...control} name="responseCode" value={code} onChange={(e) => setCode(e.target.value)} />
          )}
        </Field>
        {mode === 'vertical' && (
          <Field label={t('sourceProgrammes')} hint={t('sourceProgrammesHint')}>
            {(control) => (
              <input
                {...control}
                name="sources"
                value={sources}
                onChange={(e) => setSources(e.target.value)}
              />
            )}
          </Field>
        )}
        <Field label={t('endsOn')}>
          {(control) => (
            <input
              {...control}
              name="endsOn"
              type="date"
              value={endsOn}
              onChange={(e) => setEndsOn(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('amountPerHousehold')}>
          {(control) => (
            <input
              {...control}
              name="amount"
              inputMode="numeric"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          )}
        </Field>
        <PendingProgress isPending={respond.isPending} label={t('responseProgress')} />
        <ErrorMessage error={respond.error} />
        {respond.data && (
          <p className="alert alert--success" aria-live="polite">
            <Link to={`/programmes/${respond.data.programmeCode}`}>{respond.data.programmeCode}</Link> ·{' '}
            {t('households', { count: respond.data.enrolledCount })}
          </p>
        )}
        <button type="submit" className="button">
          {t('createResponse')}
        </button>
      </form>
      <h4>{t('unassessed')}</h4>
      <ErrorMessage error={unassessed.error} />
      <ul>
        {unassessed.data?.map((h) => (
          <li key={h.householdRef}>
            {h.householdRef} · {h.villageCode} · {t('members', { count: h.memberCount })}
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Shock events and their responses. */
export function ShockPage() {
  const { t } = useTranslation('programmes');
  usePageTitle(t('shockTitle'));
  const events = useQuery({
    queryKey: ['shock'],
    queryFn: ({ signal }) => apiGet<ShockEvent[]>('/api/shock/events', undefined, signal),
  });
  const declare = usePost<ShockEvent>([['shock']], () => '/api/shock/events');
  const [kind, setKind] = useState<string>('flood');
  const [nameEn, setNameEn] = useState('');
  const [nameKm, setNameKm] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [areas, setAreas] = useState('');
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    declare.mutate({
      body: {
        kind,
        name: { en: nameEn, km: nameKm },
        startsOn,
        areaCodes: areas
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      },
    });
  }
  return (
    <>
      <h1>{t('shockTitle')}</h1>
      <form className="stacked-form card" onSubmit={onSubmit} noValidate>
        <h2 className="inline-heading">{t('declareEvent')}</h2>
        <Field label={t('eventKind')}>
          {(control) => (
            <select {...control} name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`shockKinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('nameEn')}>
          {(control) => (
            <input
              {...control}
              name="eventNameEn"
              lang="en"
              value={nameEn}
              onChange={(e) => setNameEn(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('nameKm')}>
          {(control) => (
            <input
              {...control}
              name="eventNameKm"
              lang="km"
              value={nameKm}
              onChange={(e) => setNameKm(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('startsOn')}>
          {(control) => (
            <input
              {...control}
              name="startsOn"
              type="date"
              value={startsOn}
              onChange={(e) => setStartsOn(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('areaCodes')} hint={t('areaCodesHint')}>
          {(control) => (
            <input {...control} name="areas" value={areas} onChange={(e) => setAreas(e.target.value)} />
          )}
        </Field>
        <ErrorMessage error={declare.error} />
        <button type="submit" className="button">
          {t('declare')}
        </button>
      </form>
      <ErrorMessage error={events.error} />
      <ul className="card-list">
        {events.data?.map((event) => (
          <EventPanel key={event.id} event={event} />
        ))}
      </ul>
    </>
  );
}
