import { todayInCambodia } from '../../geography';
import { daysUntil } from '../ncs/nc-rules';
import type { DocumentRow } from './documents.service';
import type { EqaRoundRow } from './eqa.service';
import {
  DUE_SOON_DAYS,
  dueState,
  type EquipmentEventRow,
  type EquipmentRow,
  nextDue,
} from './equipment.service';
import type { StaffRow } from './personnel.service';

export function presentRound(r: EqaRoundRow) {
  return {
    id: r.id,
    schemeId: r.scheme_id,
    schemeCode: r.scheme_code,
    schemeName: r.scheme_name,
    labCode: r.lab_code,
    roundLabel: r.round_label,
    dueOn: r.due_on,
    status: r.status as 'open' | 'scored',
    scorePercent: r.score_percent === null ? null : Number(r.score_percent),
    isSatisfactory: r.is_satisfactory,
    scoredOn: r.scored_on,
    isOverdue: r.status === 'open' && r.due_on < todayInCambodia(),
    ncId: r.nc_id,
  };
}

export function presentEquipment(e: EquipmentRow) {
  const nextMaintenanceOn = nextDue(e.last_maintenance_on, e.maintenance_interval_days);
  const nextCalibrationOn = nextDue(e.last_calibration_on, e.calibration_interval_days);
  return {
    id: e.id,
    labCode: e.lab_code,
    assetCode: e.asset_code,
    name: e.name,
    category: e.category,
    manufacturer: e.manufacturer,
    model: e.model,
    serialNumber: e.serial_number,
    status: e.status as 'in_use' | 'out_of_service' | 'retired',
    maintenanceIntervalDays: e.maintenance_interval_days,
    calibrationIntervalDays: e.calibration_interval_days,
    lastMaintenanceOn: e.last_maintenance_on,
    lastCalibrationOn: e.last_calibration_on,
    nextMaintenanceOn,
    nextCalibrationOn,
    maintenanceState: e.status === 'retired' ? ('none' as const) : dueState(nextMaintenanceOn),
    calibrationState: e.status === 'retired' ? ('none' as const) : dueState(nextCalibrationOn),
    openNcId: e.open_nc_id ?? null,
  };
}

export function presentEquipmentEvent(e: EquipmentEventRow) {
  return {
    id: e.id,
    kind: e.kind as 'maintenance' | 'calibration' | 'breakdown' | 'repair' | 'retire',
    happenedOn: e.happened_on,
    note: e.note,
    byName: e.by_name,
    ncId: e.nc_id,
  };
}

export function presentDocument(d: DocumentRow) {
  const reviewDueOn = d.review_due_on;
  const days = reviewDueOn ? daysUntil(todayInCambodia(), reviewDueOn) : null;
  return {
    id: d.id,
    labCode: d.lab_code,
    docCode: d.doc_code,
    title: d.title,
    kind: d.kind,
    reviewIntervalMonths: d.review_interval_months,
    isObsolete: d.is_obsolete,
    currentVersion: d.version_id
      ? {
          id: d.version_id,
          versionLabel: d.version_label!,
          authorName: d.author_name!,
          reviewerName: d.reviewer_name!,
          approverName: d.approver_name!,
          effectiveOn: d.effective_on!,
          acknowledgements: Number(d.acknowledgements),
          hasAcknowledged: Boolean(d.has_acknowledged),
        }
      : null,
    reviewDueOn,
    reviewState:
      days === null || days > DUE_SOON_DAYS
        ? ('ok' as const)
        : days < 0
          ? ('overdue' as const)
          : ('due_soon' as const),
    archivedVersions: d.archived.map((a) => ({ versionLabel: a.version_label, effectiveOn: a.effective_on })),
  };
}

export function presentStaff(s: StaffRow) {
  return {
    id: s.id,
    labCode: s.lab_code,
    fullName: s.full_name,
    position: s.position,
    records: s.records.map((r) => ({
      kind: r.kind,
      subject: r.subject,
      happenedOn: r.happened_on,
      outcome: r.outcome,
      byName: r.by_name,
      validUntil: r.valid_until,
    })),
  };
}
