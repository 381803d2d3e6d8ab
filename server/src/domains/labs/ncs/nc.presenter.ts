import type { NcDetail, NcSummary } from '@mlob/contracts';
import { daysUntil } from './nc-rules';
import type { NcSummaryRow } from './ncs.repo';
import type { getNc } from './ncs.service';

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : d);

export function presentNcSummary(row: NcSummaryRow): NcSummary {
  return {
    id: row.id,
    number: row.number,
    labCode: row.lab_code,
    source: row.source as NcSummary['source'],
    title: row.title,
    stage: row.stage as NcSummary['stage'],
    riskGrade: row.risk_grade as NcSummary['riskGrade'],
    raisedAt: iso(row.raised_at)!,
    openActions: Number(row.open_actions),
    overdueActions: Number(row.overdue_actions),
    nextDueOn: row.next_due_on,
    auditId: row.audit_id,
    auditItemId: row.audit_item_id,
  };
}

export function presentNcDetail(detail: Awaited<ReturnType<typeof getNc>>): NcDetail {
  const { nc, actions, links, checks, today } = detail;
  return {
    ...presentNcSummary(nc),
    description: nc.description,
    evidence: nc.evidence,
    immediateCorrection: nc.immediate_correction,
    correctedOn: nc.corrected_on,
    severity: nc.severity,
    likelihood: nc.likelihood,
    rootCause: (nc.root_cause ?? null) as NcDetail['rootCause'],
    raisedByName: nc.raised_by_name,
    closedAt: iso(nc.closed_at),
    actions: actions.map((a) => ({
      id: a.id,
      kind: a.kind as 'corrective' | 'preventive',
      description: a.description,
      ownerName: a.owner_name,
      ownerUserId: a.owner_user_id,
      dueOn: a.due_on,
      status: a.status as 'open' | 'done',
      doneOn: a.done_on,
      doneNote: a.done_note,
      isOverdue: a.status === 'open' && daysUntil(today, a.due_on) < 0,
    })),
    links: links.map((l) => ({ entityType: l.entity_type, entityId: l.entity_id, label: l.label })),
    effectivenessChecks: checks.map((c) => ({
      checkedOn: c.checked_on,
      isEffective: c.is_effective,
      evidence: c.evidence,
      byName: c.by_name,
    })),
  };
}
