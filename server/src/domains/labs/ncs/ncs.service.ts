import { NC_STAGES } from '@mlob/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/database';
import type { DB } from '../../../db/schema';
import type { Actor } from '../../../platform/actor';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import { todayInCambodia } from '../../geography';
import { scoreStoredAnswers } from '../audits/audit-score';
import * as auditsRepo from '../audits/audits.repo';
import { assertLabVisible, labViewOf } from '../labs.access';
import { refused } from '../refusals';
import { deriveStage, riskGrade } from './nc-rules';
import * as repo from './ncs.repo';

export interface NewNc {
  labCode: string;
  source: 'audit' | 'internal_qc' | 'eqa' | 'complaint' | 'incident' | 'indicator' | 'equipment';
  title: string;
  description: string;
  evidence?: string | undefined;
  immediateCorrection?: string | undefined;
  severity?: number | undefined;
  likelihood?: number | undefined;
  links?: { entityType: string; entityId: string; label?: string | undefined }[] | undefined;
  auditId?: string | null;
  auditItemId?: string | null;
}

/** Recomputes and stores an NC's stage from its facts; call after every change. */
export async function refreshStage(trx: Transaction<DB>, ncId: string) {
  const nc = await trx.selectFrom('lab_nc').selectAll().where('id', '=', ncId).executeTakeFirstOrThrow();
  const actions = await trx.selectFrom('lab_nc_action').select('status').where('nc_id', '=', ncId).execute();
  const stage = deriveStage({
    closedAt: nc.closed_at,
    hasRootCause: nc.root_cause !== null,
    hasCorrectionOrRisk: nc.immediate_correction !== null || nc.risk_grade !== null,
    needsNewAction: nc.needs_new_action,
    actionStatuses: actions.map((a) => a.status),
  });
  if (stage !== nc.stage) await trx.updateTable('lab_nc').set({ stage }).where('id', '=', ncId).execute();
  return stage;
}

/**
 * Inserts a nonconformity in the caller's transaction (other parts of the quality system —
 * EQA, equipment — open NCs through this too). Numbered NC-<lab>-<year>-<seq>.
 */
export async function insertNc(trx: Transaction<DB>, audit: AuditContext, input: NewNc): Promise<string> {
  const { actor } = audit;
  const lab = await trx
    .selectFrom('lab')
    .select('code')
    .where('code', '=', input.labCode)
    .forUpdate()
    .executeTakeFirst();
  if (!lab) throw notFound(`Lab ${input.labCode}`);
  const year = todayInCambodia().slice(0, 4);
  const prefix = `NC-${input.labCode}-${year}-`;
  const count = await trx
    .selectFrom('lab_nc')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('number', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  const number = `${prefix}${String(Number(count.n) + 1).padStart(4, '0')}`;
  const hasRisk = input.severity !== undefined && input.likelihood !== undefined;
  const row = await trx
    .insertInto('lab_nc')
    .values({
      lab_code: input.labCode,
      number,
      source: input.source,
      audit_id: input.auditId ?? null,
      audit_item_id: input.auditItemId ?? null,
      title: input.title,
      description: input.description,
      evidence: input.evidence || null,
      immediate_correction: input.immediateCorrection || null,
      corrected_on: input.immediateCorrection ? todayInCambodia() : null,
      severity: hasRisk ? input.severity! : null,
      likelihood: hasRisk ? input.likelihood! : null,
      risk_grade: hasRisk ? riskGrade(input.severity!, input.likelihood!) : null,
      raised_by: actor.kind === 'user' ? actor.id : null,
      raised_by_name: actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const links = input.links ?? [];
  if (links.length > 0)
    await trx
      .insertInto('lab_nc_link')
      .values(
        links.map((l) => ({
          nc_id: row.id,
          entity_type: l.entityType,
          entity_id: l.entityId,
          label: l.label ?? null,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  await refreshStage(trx, row.id);
  await recordAudit(trx, audit, {
    action: 'labs.nc.create',
    entityType: 'lab_nc',
    entityId: row.id,
    after: { number, ...input },
  });
  return row.id;
}

/** Raises a nonconformity in a lab the actor works in (or any lab, for the Bureau). */
export async function createNc(options: { database: Database; audit: AuditContext; input: NewNc }) {
  assertLabVisible(labViewOf(options.audit.actor), options.input.labCode);
  if (options.input.source === 'audit')
    throw refused('validation_failed', 'audit_nc_from_finding', {
      path: ['source'],
      detailMessage: 'use POST /api/labs/audits/:id/findings/:itemId/nc',
    });
  return options.database.db.transaction().execute((trx) => insertNc(trx, options.audit, options.input));
}

/**
 * One click from an audit finding (an item answered No or Partial) to a nonconformity of the
 * audited lab, linked to the audit question. Pressing twice returns the same NC.
 */
export async function raiseFromFinding(options: {
  database: Database;
  audit: AuditContext;
  auditId: string;
  itemId: string;
}) {
  const { actor } = options.audit;
  return options.database.db.transaction().execute(async (trx) => {
    const audit = await auditsRepo.lockAudit(trx, labViewOf(actor), options.auditId);
    if (!audit) throw notFound(`Audit ${options.auditId}`);
    const existing = await trx
      .selectFrom('lab_nc')
      .select('id')
      .where('audit_id', '=', audit.id)
      .where('audit_item_id', '=', options.itemId)
      .executeTakeFirst();
    if (existing) return { id: existing.id, isNew: false };
    const answers = await auditsRepo.answersOf(trx, audit.id);
    const score = await scoreStoredAnswers(trx, audit, answers);
    const leaf = answers.find((a) => a.item_id === options.itemId);
    const answer = leaf?.answer ?? score.questions.find((q) => q.id === options.itemId)?.answer ?? null;
    if (answer !== 'no' && answer !== 'partial')
      throw answer === null
        ? refused('conflict', 'item_unanswered_not_finding', { args: { item: options.itemId } })
        : refused('conflict', 'item_not_finding', { args: { item: options.itemId, answer } });
    const item = await trx
      .selectFrom('lab_checklist_item')
      .select(['id', 'title', 'text', 'short_en', 'parent_id'])
      .where('version_id', '=', audit.checklist_version_id)
      .where('id', '=', options.itemId)
      .executeTakeFirstOrThrow();
    const label = item.short_en ?? item.title ?? item.text.slice(0, 120);
    const id = await insertNc(trx, options.audit, {
      labCode: audit.lab_code,
      source: 'audit',
      title: `${options.itemId} ${label}`.slice(0, 300),
      description: `${audit.title}: item ${options.itemId} answered ${answer === 'no' ? 'No' : 'Partial'}. Requirement: ${item.text}`,
      evidence: leaf?.comment ?? undefined,
      auditId: audit.id,
      auditItemId: options.itemId,
      links: [
        { entityType: 'audit', entityId: audit.id, label: audit.title },
        {
          entityType: 'audit_question',
          entityId: `${audit.id}#${options.itemId}`,
          label: `${options.itemId} ${label}`,
        },
      ],
    });
    return { id, isNew: true };
  });
}

export async function listNcs(options: {
  database: Database;
  actor: Actor;
  labCode?: string | undefined;
  stage?: string | undefined;
  source?: string | undefined;
  limit: number;
}) {
  return repo.listNcs(options.database.db, labViewOf(options.actor), todayInCambodia(), options);
}

/** The board: every NC in view, by stage, in stage order. */
export async function ncBoard(options: { database: Database; actor: Actor; labCode?: string | undefined }) {
  const rows = await repo.listNcs(options.database.db, labViewOf(options.actor), todayInCambodia(), {
    labCode: options.labCode,
    limit: 5000,
  });
  return NC_STAGES.map((stage) => ({ stage, items: rows.filter((r) => r.stage === stage) }));
}

export async function getNc(options: { database: Database; actor: Actor; id: string }) {
  const db: Kysely<DB> = options.database.db;
  const nc = await repo.findNc(db, labViewOf(options.actor), todayInCambodia(), options.id);
  if (!nc) throw notFound(`Nonconformity ${options.id}`);
  const [actions, links, checks] = await Promise.all([
    repo.actionsOf(db, nc.id),
    repo.linksOf(db, nc.id),
    repo.checksOf(db, nc.id),
  ]);
  return { nc, actions, links, checks, today: todayInCambodia() };
}

export async function dueActions(options: {
  database: Database;
  actor: Actor;
  withinDays: number;
  labCode?: string | undefined;
}) {
  const today = todayInCambodia();
  const rows = await repo.dueActions(
    options.database.db,
    labViewOf(options.actor),
    today,
    options.withinDays,
    options.labCode,
  );
  return { today, rows };
}
