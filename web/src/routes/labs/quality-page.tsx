import type { DocumentView, EqaRoundView, EquipmentView, StaffView } from '@mlob/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { useAcknowledge, useDueActions, useLabList } from './labs.api';
import { LabsNav, QualityNav } from './labs-common';
import { DUE_CLASS, useQualityLab } from './quality-lab';
import './labs.css';

/** A lab's quality system at a glance: actions due, EQA, equipment, documents, staff. */
export function QualityPage() {
  const { t } = useTranslation('labs');
  usePageTitle(t('quality.title'));
  const { labCode, picker } = useQualityLab();
  const due = useDueActions();
  const rounds = useLabList<EqaRoundView>('eqa/rounds', labCode);
  const equipment = useLabList<EquipmentView>('equipment', labCode);
  const documents = useLabList<DocumentView>('documents', labCode);
  const staff = useLabList<StaffView>('staff', labCode);
  const acknowledge = useAcknowledge();
  const dueItems = (due.data?.items ?? []).filter((d) => !labCode || d.labCode === labCode);

  return (
    <>
      <h1>{t('quality.title')}</h1>
      <LabsNav />
      <QualityNav />
      {picker}
      <ErrorMessage
        error={
          due.error ?? rounds.error ?? equipment.error ?? documents.error ?? staff.error ?? acknowledge.error
        }
      />

      <h2>{t('quality.dueActions')}</h2>
      {dueItems.length === 0 && <p className="muted">{t('quality.none')}</p>}
      <ul>
        {dueItems.map((d) => (
          <li key={d.actionId} className={DUE_CLASS[d.state]}>
            <Link to={`/labs/ncs/${d.ncId}`}>{d.ncNumber}</Link> · {d.description} · {d.ownerName} ·{' '}
            {t('nc.due')} {d.dueOn} ·{' '}
            {d.state === 'overdue'
              ? t('quality.overdueDays', { count: -d.daysLeft })
              : t('quality.dueInDays', { count: d.daysLeft })}
          </li>
        ))}
      </ul>

      <h2>{t('quality.eqa')}</h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('quality.eqa')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.lab')}</th>
              <th scope="col">{t('quality.scheme')}</th>
              <th scope="col">{t('quality.round')}</th>
              <th scope="col">{t('nc.due')}</th>
              <th scope="col">{t('quality.result')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.data?.items.slice(0, 60).map((r) => (
              <tr key={r.id}>
                <td>{r.labCode}</td>
                <td>{r.schemeName}</td>
                <td>{r.roundLabel}</td>
                <td className={r.isOverdue ? 'labs-overdue' : undefined}>{r.dueOn}</td>
                <td>
                  {r.scorePercent === null
                    ? t('quality.awaited')
                    : `${r.scorePercent}% · ${r.isSatisfactory ? t('quality.satisfactory') : t('quality.unsatisfactory')}`}
                  {r.ncId && (
                    <>
                      {' '}
                      · <Link to={`/labs/ncs/${r.ncId}`}>{t('entry.openNcLink')}</Link>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('quality.equipment')}</h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('quality.equipment')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.lab')}</th>
              <th scope="col">{t('quality.asset')}</th>
              <th scope="col">{t('quality.status')}</th>
              <th scope="col">{t('quality.maintenance')}</th>
              <th scope="col">{t('quality.calibration')}</th>
            </tr>
          </thead>
          <tbody>
            {equipment.data?.items.map((e) => (
              <tr key={e.id}>
                <td>{e.labCode}</td>
                <td>
                  {e.assetCode} · {e.name}
                </td>
                <td className={e.status === 'out_of_service' ? 'labs-overdue' : undefined}>
                  {t(`equipmentStatus.${e.status}`)}
                </td>
                <td className={DUE_CLASS[e.maintenanceState]}>{e.nextMaintenanceOn ?? '—'}</td>
                <td className={DUE_CLASS[e.calibrationState]}>{e.nextCalibrationOn ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('quality.documents')}</h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('quality.documents')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('quality.document')}</th>
              <th scope="col">{t('quality.version')}</th>
              <th scope="col">{t('quality.reviewDue')}</th>
              <th scope="col">{t('quality.readAndSign')}</th>
            </tr>
          </thead>
          <tbody>
            {documents.data?.items.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.labCode} · {d.docCode} · {d.title}
                </td>
                <td>
                  {d.currentVersion?.versionLabel} ({d.currentVersion?.effectiveOn})
                </td>
                <td className={DUE_CLASS[d.reviewState]}>{d.reviewDueOn}</td>
                <td>
                  {d.currentVersion?.acknowledgements ?? 0}{' '}
                  {d.currentVersion && !d.currentVersion.hasAcknowledged && (
                    <button
                      type="button"
                      className="button"
                      disabled={acknowledge.isPending}
                      onClick={() => acknowledge.mutate(d.id)}
                    >
                      {t('quality.sign')}
                    </button>
                  )}
                  {d.currentVersion?.hasAcknowledged && (
                    <span className="muted"> ✓ {t('quality.signed')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('quality.staff')}</h2>
      <ul>
        {staff.data?.items.map((s) => (
          <li key={s.id}>
            <strong>{s.fullName}</strong> · {s.position} · {s.labCode}
            <ul className="small">
              {s.records.map((r) => (
                <li key={`${r.kind}-${r.subject}-${r.happenedOn}`}>
                  {t(`recordKinds.${r.kind}`)}: {r.subject} · {r.happenedOn}
                  {r.outcome && ` · ${t(`outcomes.${r.outcome}`)}`}
                  {r.validUntil && ` · ${t('quality.validUntil')} ${r.validUntil}`}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
