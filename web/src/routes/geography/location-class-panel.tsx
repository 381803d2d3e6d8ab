import type { AreaDetail, LocationClass } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { formatDay } from '../../i18n/format';
import { useLocationClassHistory, useSetLocationClass } from './geography.api';

// A Record keyed by the contract's union, so a class added there fails the type-check here
// (importing the contract's runtime list would pull zod into the bundle).
const CLASS_ORDER: Record<LocationClass, number> = { phnom_penh_urban: 0, other_urban: 1, rural: 2 };
const LOCATION_CLASSES = (Object.keys(CLASS_ORDER) as LocationClass[]).sort(
  (a, b) => CLASS_ORDER[a] - CLASS_ORDER[b],
);

/** A village's location class: current value, dated history, and (admin) a form to change it. */
export function LocationClassPanel({ village }: { village: AreaDetail }) {
  const { t } = useTranslation('geography');
  const me = useCurrentUser();
  const history = useLocationClassHistory(village.code);
  const entries = [...(history.data?.items ?? [])].sort((a, b) =>
    b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  return (
    <section aria-labelledby="location-class-title" className="card">
      <h2 id="location-class-title">{t('locationClass.title')}</h2>
      <p className="muted">{t('locationClass.explain')}</p>
      {village.locationClass && (
        <p className="current-class">
          {t('locationClass.current')}:{' '}
          <strong className="badge badge--strong">
            {t(`locationClass.values.${village.locationClass}`)}
          </strong>
        </p>
      )}
      <h3>{t('locationClass.history')}</h3>
      <ErrorMessage error={history.error} />
      {history.isPending && <p role="status">{t('common:common.loading')}</p>}
      {history.data && entries.length === 0 && <p>{t('locationClass.noHistory')}</p>}
      {entries.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('locationClass.effectiveFrom')}</th>
                <th scope="col">{t('locationClass.title')}</th>
                <th scope="col">{t('locationClass.reason')}</th>
                <th scope="col">{t('locationClass.setBy')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={`${e.effectiveFrom}-${e.locationClass}-${e.reason}`}>
                  <td>{formatDay(e.effectiveFrom)}</td>
                  <td>{t(`locationClass.values.${e.locationClass}`)}</td>
                  <td>{e.reason}</td>
                  <td>{e.setBy ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {me.role === 'admin' && <SetLocationClassForm villageCode={village.code} />}
    </section>
  );
}

type FormErrors = Partial<Record<'locationClass' | 'effectiveFrom' | 'reason', string>>;

function SetLocationClassForm({ villageCode }: { villageCode: string }) {
  const { t } = useTranslation('geography');
  const mutation = useSetLocationClass(villageCode);
  const [locationClass, setLocationClass] = useState<LocationClass | ''>('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [reason, setReason] = useState('');
  const [localErrors, setLocalErrors] = useState<FormErrors>({});
  const [saved, setSaved] = useState<string | null>(null);

  // Errors checked here are in the reader's language; the server's own (English) are shown as sent.
  const serverErrors: FormErrors = isApiError(mutation.error) ? mutation.error.fieldErrors() : {};
  const errors: FormErrors = { ...serverErrors, ...localErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const found: FormErrors = {};
    if (!locationClass) found.locationClass = t('locationClass.form.errors.locationClass');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom))
      found.effectiveFrom = t('locationClass.form.errors.effectiveFrom');
    if (reason.trim().length < 3) found.reason = t('locationClass.form.errors.reason');
    setLocalErrors(found);
    if (Object.keys(found).length > 0 || !locationClass) return;
    mutation.mutate(
      { locationClass, effectiveFrom, reason: reason.trim() },
      {
        onSuccess: (entry) => {
          setSaved(
            t('locationClass.form.saved', {
              class: t(`locationClass.values.${entry.locationClass}`),
              date: formatDay(entry.effectiveFrom),
            }),
          );
          setReason('');
        },
      },
    );
  }

  const fieldLabels = {
    locationClass: t('locationClass.form.newClass'),
    effectiveFrom: t('locationClass.effectiveFrom'),
    reason: t('locationClass.reason'),
  };
  return (
    <form className="stacked-form" onSubmit={onSubmit} noValidate aria-labelledby="set-class-title">
      <h3 id="set-class-title">{t('locationClass.form.title')}</h3>
      <div aria-live="polite">{saved && <p className="alert alert--success">{saved}</p>}</div>
      {mutation.error && !isApiError(mutation.error) && <ErrorMessage error={mutation.error} />}
      {isApiError(mutation.error) && Object.keys(serverErrors).length === 0 && (
        <ErrorMessage error={mutation.error} fieldLabels={fieldLabels} />
      )}
      <Field label={fieldLabels.locationClass} error={errors.locationClass}>
        {(control) => (
          <select
            {...control}
            name="locationClass"
            value={locationClass}
            onChange={(e) => setLocationClass(e.target.value as LocationClass | '')}
          >
            <option value="">{t('locationClass.form.choose')}</option>
            {LOCATION_CLASSES.map((c) => (
              <option key={c} value={c}>
                {t(`locationClass.values.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={fieldLabels.effectiveFrom}
        hint={t('locationClass.form.effectiveFromHint')}
        error={errors.effectiveFrom}
      >
        {(control) => (
          <input
            {...control}
            name="effectiveFrom"
            type="date"
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
          />
        )}
      </Field>
      <Field label={fieldLabels.reason} hint={t('locationClass.form.reasonHint')} error={errors.reason}>
        {(control) => (
          <textarea
            {...control}
            name="reason"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={mutation.isPending}>
        {mutation.isPending ? t('common:common.saving') : t('locationClass.form.submit')}
      </button>
    </form>
  );
}
