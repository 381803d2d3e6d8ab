import type { EquipmentView } from '@mlob/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { useEquipmentEvents, useLabList } from './labs.api';
import { LabsNav, PanelToggle, QualityNav } from './labs-common';
import { type FieldSpec, QualityForm } from './quality-forms';
import { DUE_CLASS, todayInCambodia, useQualityLab } from './quality-lab';
import './labs.css';

const EVENT_KINDS = ['maintenance', 'calibration', 'breakdown', 'repair', 'retire'] as const;

/** The equipment register: new instruments, edits, maintenance, calibration, breakdowns and repairs. */
export function EquipmentPage() {
  const { t } = useTranslation('labs');
  usePageTitle(t('qualityNav.equipment'));
  const { labCode, picker } = useQualityLab();
  const equipment = useLabList<EquipmentView>('equipment', labCode);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const items = equipment.data?.items ?? [];
  const selected = items.find((e) => e.id === selectedId);
  const alerts = items.filter(
    (e) => DUE_CLASS[e.maintenanceState] !== undefined || DUE_CLASS[e.calibrationState] !== undefined,
  );

  const details = (e?: EquipmentView): FieldSpec[] => [
    { name: 'name', label: t('equipmentForm.name'), isRequired: true, defaultValue: e?.name },
    { name: 'category', label: t('equipmentForm.category'), isRequired: true, defaultValue: e?.category },
    {
      name: 'manufacturer',
      label: t('equipmentForm.manufacturer'),
      isNullable: !!e,
      defaultValue: e?.manufacturer,
    },
    { name: 'model', label: t('equipmentForm.model'), isNullable: !!e, defaultValue: e?.model },
    {
      name: 'serialNumber',
      label: t('equipmentForm.serialNumber'),
      isNullable: !!e,
      defaultValue: e?.serialNumber,
    },
    {
      name: 'maintenanceIntervalDays',
      label: t('equipmentForm.maintenanceIntervalDays'),
      kind: 'number',
      isNullable: !!e,
      defaultValue: e?.maintenanceIntervalDays,
    },
    {
      name: 'calibrationIntervalDays',
      label: t('equipmentForm.calibrationIntervalDays'),
      kind: 'number',
      isNullable: !!e,
      defaultValue: e?.calibrationIntervalDays,
    },
  ];

  return (
    <>
      <h1>{t('qualityNav.equipment')}</h1>
      <LabsNav />
      <QualityNav />
      {picker}
      <ErrorMessage error={equipment.error} />

      <section aria-labelledby="equipment-alerts">
        <h2 id="equipment-alerts">{t('equipmentForm.alerts')}</h2>
        {alerts.length === 0 && <p className="muted">{t('quality.none')}</p>}
        <ul data-testid="equipment-alerts">
          {alerts.map((e) => (
            <li key={e.id}>
              {e.assetCode} · {e.name}
              {DUE_CLASS[e.maintenanceState] && (
                <span className={DUE_CLASS[e.maintenanceState]}>
                  {' '}
                  · {t('quality.maintenance')} {e.nextMaintenanceOn} ({t(`dueStates.${e.maintenanceState}`)})
                </span>
              )}
              {DUE_CLASS[e.calibrationState] && (
                <span className={DUE_CLASS[e.calibrationState]}>
                  {' '}
                  · {t('quality.calibration')} {e.nextCalibrationOn} ({t(`dueStates.${e.calibrationState}`)})
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>

      <h2>{t('equipmentForm.register')}</h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('equipmentForm.register')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.lab')}</th>
              <th scope="col">{t('quality.asset')}</th>
              <th scope="col">{t('quality.status')}</th>
              <th scope="col">{t('quality.maintenance')}</th>
              <th scope="col">{t('quality.calibration')}</th>
              <th scope="col">{t('equipmentForm.manage')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} aria-current={e.id === selectedId || undefined}>
                <td>{e.labCode}</td>
                <td>
                  {e.assetCode} · {e.name}
                </td>
                <td className={e.status === 'out_of_service' ? 'labs-overdue' : undefined}>
                  {t(`equipmentStatus.${e.status}`)}
                  {e.openNcId && (
                    <>
                      {' '}
                      · <Link to={`/labs/ncs/${e.openNcId}`}>{t('equipmentForm.openNc')}</Link>
                    </>
                  )}
                </td>
                <td className={DUE_CLASS[e.maintenanceState]}>{e.nextMaintenanceOn ?? '—'}</td>
                <td className={DUE_CLASS[e.calibrationState]}>{e.nextCalibrationOn ?? '—'}</td>
                <td>
                  <PanelToggle
                    rowId={e.id}
                    selectedId={selectedId}
                    onSelect={setSelectedId}
                    panelId="equipment-detail"
                    label={t('equipmentForm.manage')}
                    rowName={e.assetCode}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {selected && (
        <section id="equipment-detail" className="card" aria-labelledby="equipment-detail-title">
          <h2 id="equipment-detail-title">
            {selected.assetCode} · {selected.name} · {t(`equipmentStatus.${selected.status}`)}
          </h2>
          <h3>{t('equipmentForm.recordEvent')}</h3>
          <QualityForm
            testId="equipment-event-form"
            path={`equipment/${selected.id}/events`}
            submitLabel={t('equipmentForm.recordEvent')}
            fields={[
              {
                name: 'kind',
                label: t('equipmentForm.eventKind'),
                kind: 'select',
                isRequired: true,
                options: EVENT_KINDS.map((k) => ({ value: k, label: t(`equipmentEvents.${k}`) })),
              },
              {
                name: 'happenedOn',
                label: t('equipmentForm.happenedOn'),
                kind: 'date',
                isRequired: true,
                defaultValue: todayInCambodia(),
              },
              { name: 'note', label: t('equipmentForm.note'), kind: 'textarea', isRequired: true },
            ]}
          />
          <EquipmentLog equipmentId={selected.id} />
          <h3>{t('equipmentForm.edit')}</h3>
          <QualityForm
            key={selected.id}
            testId="equipment-edit-form"
            path={`equipment/${selected.id}`}
            submitLabel={t('equipmentForm.saveChanges')}
            fields={details(selected)}
          />
        </section>
      )}

      {labCode && (
        <details className="card">
          <summary>
            <h2 className="inline-heading">{t('equipmentForm.new')}</h2>
          </summary>
          <QualityForm
            testId="equipment-new-form"
            path="equipment"
            submitLabel={t('equipmentForm.new')}
            extraBody={{ labCode }}
            fields={[
              { name: 'assetCode', label: t('equipmentForm.assetCode'), isRequired: true },
              ...details(),
              { name: 'lastMaintenanceOn', label: t('equipmentForm.lastMaintenanceOn'), kind: 'date' },
              { name: 'lastCalibrationOn', label: t('equipmentForm.lastCalibrationOn'), kind: 'date' },
            ]}
          />
        </details>
      )}
    </>
  );
}

/** The instrument's log, newest first; a breakdown links to the nonconformity it opened. */
function EquipmentLog({ equipmentId }: { equipmentId: string }) {
  const { t } = useTranslation('labs');
  const events = useEquipmentEvents(equipmentId);
  return (
    <>
      <h3>{t('equipmentForm.log')}</h3>
      <ErrorMessage error={events.error} />
      {events.data?.items.length === 0 && <p className="muted">{t('quality.none')}</p>}
      <ul data-testid="equipment-log">
        {events.data?.items.map((e) => (
          <li key={e.id}>
            {e.happenedOn} · <strong>{t(`equipmentLog.${e.kind}`)}</strong> · {e.note} · {e.byName}
            {e.ncId && (
              <>
                {' '}
                · <Link to={`/labs/ncs/${e.ncId}`}>{t('equipmentForm.openNc')}</Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
