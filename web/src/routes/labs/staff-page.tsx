import type { StaffView } from '@mlob/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { useLabList } from './labs.api';
import { LabsNav, PanelToggle, QualityNav } from './labs-common';
import { QualityForm } from './quality-forms';
import { todayInCambodia, useQualityLab } from './quality-lab';
import './labs.css';

const RECORD_KINDS = ['training', 'competence', 'authorisation'] as const;

/** Personnel: staff, their training, competence assessments and authorisations per test or instrument. */
export function StaffPage() {
  const { t } = useTranslation('labs');
  usePageTitle(t('qualityNav.staff'));
  const { labCode, picker } = useQualityLab();
  const staff = useLabList<StaffView>('staff', labCode);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const items = staff.data?.items ?? [];
  const selected = items.find((s) => s.id === selectedId);

  return (
    <>
      <h1>{t('qualityNav.staff')}</h1>
      <LabsNav />
      <QualityNav />
      {picker}
      <ErrorMessage error={staff.error} />
      <ul className="labs-staff-list">
        {items.map((s) => (
          <li key={s.id}>
            <strong>{s.fullName}</strong> · {s.position} · {s.labCode}{' '}
            <PanelToggle
              rowId={s.id}
              selectedId={selectedId}
              onSelect={setSelectedId}
              panelId="staff-record"
              label={t('staffForm.addRecord')}
              rowName={s.fullName}
            />
            <ul className="small">
              {s.records.map((r) => (
                <li key={`${r.kind}-${r.subject}-${r.happenedOn}`}>
                  {t(`recordKinds.${r.kind}`)}: {r.subject} · {r.happenedOn} · {r.byName}
                  {r.outcome && ` · ${t(`outcomes.${r.outcome}`)}`}
                  {r.validUntil && ` · ${t('quality.validUntil')} ${r.validUntil}`}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>

      {selected && (
        <section id="staff-record" className="card" aria-labelledby="staff-record-title">
          <h2 id="staff-record-title">
            {t('staffForm.addRecord')}: {selected.fullName}
          </h2>
          <p className="muted">{t('staffForm.authorisationNote')}</p>
          <QualityForm
            testId="staff-record-form"
            path={`staff/${selected.id}/records`}
            submitLabel={t('staffForm.addRecord')}
            fields={[
              {
                name: 'kind',
                label: t('staffForm.kind'),
                kind: 'select',
                isRequired: true,
                options: RECORD_KINDS.map((k) => ({ value: k, label: t(`recordKinds.${k}`) })),
              },
              {
                name: 'subject',
                label: t('staffForm.subject'),
                isRequired: true,
                hint: t('staffForm.subjectHint'),
              },
              {
                name: 'happenedOn',
                label: t('staffForm.happenedOn'),
                kind: 'date',
                isRequired: true,
                defaultValue: todayInCambodia(),
              },
              {
                name: 'outcome',
                label: t('staffForm.outcome'),
                kind: 'select',
                options: [
                  { value: '', label: '—' },
                  { value: 'competent', label: t('outcomes.competent') },
                  { value: 'not_yet_competent', label: t('outcomes.not_yet_competent') },
                ],
              },
              { name: 'byName', label: t('staffForm.byName'), isRequired: true },
              { name: 'validUntil', label: t('staffForm.validUntil'), kind: 'date' },
              { name: 'note', label: t('staffForm.note'), kind: 'textarea' },
            ]}
          />
        </section>
      )}

      {labCode && (
        <details className="card">
          <summary>
            <h2 className="inline-heading">{t('staffForm.new')}</h2>
          </summary>
          <QualityForm
            testId="staff-new-form"
            path="staff"
            submitLabel={t('staffForm.new')}
            extraBody={{ labCode }}
            fields={[
              { name: 'fullName', label: t('staffForm.fullName'), isRequired: true },
              { name: 'position', label: t('staffForm.position'), isRequired: true },
            ]}
          />
        </details>
      )}
    </>
  );
}
