import { ZDashboard } from '@mlob/contracts';
import { z } from 'zod';
import type { Database } from '../../../db/database';
import type { Actor } from '../../../platform/actor';
import type { AppContext, ZodApp } from '../../../platform/http/context';
import { actorOf } from '../../../platform/http/context';
import { getAuditDetail } from '../audits/audits.service';
import * as checklistRepo from '../checklist/checklist.repo';
import { labsPolicies } from '../labs.policy';
import { networkDashboard } from './dashboard.service';
import { auditReportPdf, dashboardXlsx, type ReportInput } from './exports';

const tags = ['labs'];

/** Gathers what the PDF report shows: scores, sections with Khmer titles, findings, inconsistencies. */
async function reportInput(database: Database, actor: Actor, auditId: string): Promise<ReportInput> {
  const detail = await getAuditDetail({ database, actor, id: auditId });
  const { audit, score, answers } = detail;
  const [version, sections, items] = await Promise.all([
    checklistRepo.findVersion(database.db, audit.checklist_version_id),
    checklistRepo.sectionsOf(database.db, audit.checklist_version_id),
    checklistRepo.itemsOf(database.db, audit.checklist_version_id),
  ]);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const comments = new Map(answers.map((a) => [a.item_id, a.comment]));
  const frozen = audit.status !== 'draft';
  return {
    labNameEn: audit.lab_name_en,
    labNameKm: audit.lab_name_km,
    labCode: audit.lab_code,
    kind: audit.kind as ReportInput['kind'],
    auditDate: audit.audit_date,
    status: audit.status as ReportInput['status'],
    leadAuditorName: audit.lead_auditor_name,
    checklist: version ? `${version.checklist} ${version.version}` : '',
    points: frozen ? audit.points : score.points,
    maxPoints: frozen ? audit.max_points : score.maxPoints,
    percent: frozen ? Number(audit.percent) : score.percent,
    stars: frozen ? audit.stars : score.stars,
    proficiency: (frozen ? audit.proficiency : score.proficiency) as ReportInput['proficiency'],
    sections: score.sections.map((s) => {
      const section = sections.find((x) => x.number === s.number);
      return { ...s, title: section?.title ?? '', titleKm: section?.title_km ?? null };
    }),
    findings: score.questions
      .filter(
        (q): q is typeof q & { answer: 'partial' | 'no' } => q.answer === 'partial' || q.answer === 'no',
      )
      .map((q) => {
        const item = itemById.get(q.id);
        const subComments = items
          .filter((i) => i.parent_id === q.id && comments.get(i.id))
          .map((i) => `${i.id}: ${comments.get(i.id)}`);
        return {
          id: q.id,
          answer: q.answer,
          shortEn: item?.short_en ?? item?.title ?? null,
          shortKm: item?.short_km ?? null,
          text: item?.text ?? '',
          comment: [comments.get(q.id), ...subComments].filter(Boolean).join(' · ') || null,
        };
      }),
    inconsistencies: (version?.inconsistencies ?? []) as string[],
  };
}

/** The network dashboard and its exports (XLSX), and the PDF audit report in Khmer or English. */
export function dashboardRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;
  app.get(
    '/api/labs/dashboard',
    { config: { policy: labsPolicies.read }, schema: { tags, response: { 200: ZDashboard } } },
    async (request) => networkDashboard({ database, actor: actorOf(request) }),
  );
  app.get(
    '/api/labs/dashboard.xlsx',
    { config: { policy: labsPolicies.read }, schema: { tags } },
    async (request, reply) => {
      const file = await dashboardXlsx(await networkDashboard({ database, actor: actorOf(request) }));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="lab-network-dashboard.xlsx"')
        .send(file);
    },
  );
  app.get(
    '/api/labs/audits/:id/report.pdf',
    {
      config: { policy: labsPolicies.read },
      schema: {
        tags,
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ lang: z.enum(['km', 'en']).default('km') }),
      },
    },
    async (request, reply) => {
      const input = await reportInput(database, actorOf(request), request.params.id);
      const pdf = await auditReportPdf(input, request.query.lang);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="audit-${input.labCode}-${input.auditDate}-${request.query.lang}.pdf"`,
        )
        .send(pdf);
    },
  );
}
