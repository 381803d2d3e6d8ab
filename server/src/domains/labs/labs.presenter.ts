import type { AuditDetail, AuditSummary, ChecklistVersionSummary, Lab } from '@mlob/contracts';
import type { AuditRow } from './audits/audits.repo';
import type { getAuditDetail } from './audits/audits.service';
import type { LabRow } from './network/labs.repo';

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : d);

export function presentLab(row: LabRow): Lab {
  return {
    code: row.code,
    nameEn: row.name_en,
    nameKm: row.name_km,
    provinceCode: row.province_code,
    kind: row.kind as Lab['kind'],
    latestStars: row.latest_stars === null ? null : Number(row.latest_stars),
    latestPercent: row.latest_percent === null ? null : Number(row.latest_percent),
    latestPublishedOn: row.latest_published_on,
  };
}

export function presentChecklistVersion(row: {
  id: string;
  checklist: string;
  version: string;
  source: string | null;
  total_points: number;
  declared_total_points: number;
  inconsistencies: unknown;
  loaded_at: Date;
  question_count?: number | null;
  sub_question_count?: number | null;
}): ChecklistVersionSummary {
  return {
    id: row.id,
    checklist: row.checklist,
    version: row.version,
    source: row.source,
    totalPoints: row.total_points,
    declaredTotalPoints: row.declared_total_points,
    questionCount: Number(row.question_count ?? 0),
    subQuestionCount: Number(row.sub_question_count ?? 0),
    inconsistencies: row.inconsistencies as string[],
    loadedAt: row.loaded_at.toISOString(),
  };
}

export function presentAuditSummary(row: AuditRow): AuditSummary {
  return {
    id: row.id,
    labCode: row.lab_code,
    labNameEn: row.lab_name_en,
    labNameKm: row.lab_name_km,
    kind: row.kind as AuditSummary['kind'],
    auditingLabCode: row.auditing_lab_code,
    checklistVersionId: row.checklist_version_id,
    title: row.title,
    auditDate: row.audit_date,
    status: row.status as AuditSummary['status'],
    leadAuditorName: row.lead_auditor_name,
    points: row.points,
    maxPoints: row.max_points,
    percent: Number(row.percent),
    stars: row.stars,
    starsByPercent: row.stars_by_percent,
    proficiency: row.proficiency as AuditSummary['proficiency'],
    revision: row.revision,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The detail: while a draft, the live score of its answers; once submitted, the frozen one. */
export function presentAuditDetail(detail: Awaited<ReturnType<typeof getAuditDetail>>): AuditDetail {
  const summary = presentAuditSummary(detail.audit);
  const live = detail.score;
  return {
    ...summary,
    ...(detail.audit.status === 'draft'
      ? {
          points: live.points,
          maxPoints: live.maxPoints,
          percent: live.percent,
          stars: live.stars,
          starsByPercent: live.starsByPercent,
          proficiency: live.proficiency,
        }
      : {}),
    sections: live.sections,
    questions: live.questions,
    answers: detail.answers.map((a) => ({
      itemId: a.item_id,
      answer: a.answer as AuditDetail['answers'][number]['answer'],
      comment: a.comment,
      naJustification: a.na_justification,
      clientChangeId: a.client_change_id,
      clientAt: iso(a.client_at)!,
      updatedAt: iso(a.updated_at)!,
    })),
    checklistInconsistencies: detail.checklistInconsistencies,
    transitions: detail.transitions.map((t) => ({
      fromStatus: t.from_status,
      toStatus: t.to_status,
      reason: t.reason,
      byName: t.by_name,
      at: iso(t.at)!,
    })),
    evidence: detail.evidence.map((e) => ({
      id: e.id,
      itemId: e.item_id,
      fileName: e.file_name,
      contentType: e.content_type,
      sizeBytes: e.size_bytes,
    })),
  };
}
