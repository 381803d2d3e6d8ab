import { createHash } from 'node:crypto';
import type { AuditAnswer } from '@mlob/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/database';
import type { DB } from '../../../db/schema';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { type ErrorDetail, notFound } from '../../../platform/errors';
import { refused } from '../refusals';
import * as repo from './checklist.repo';
import { parseChecklistText, totalQuestionPoints } from './checklist-file';
import type { ChecklistModel } from './checklist-model';
import { parentAnswers } from './checklist-model';
import { shortWordingFor } from './short-wording';

export type ImportOutcome =
  | { status: 'malformed'; problems: ErrorDetail[] }
  | { status: 'inconsistent'; inconsistencies: string[] }
  | { status: 'loaded' | 'already_loaded'; versionId: string; inconsistencies: string[] };

/**
 * Imports a checklist file. Malformed: nothing changes. Inconsistent: nothing changes unless
 * the administrator accepts the listed inconsistencies, which are then stored with the version
 * and stated on every audit report. Loading the same file twice is a no-op; a different file
 * under an existing checklist and version is refused (loaded versions never change).
 */
export async function importChecklist(options: {
  database: Database;
  audit: AuditContext;
  text: string;
  fileName?: string;
  shouldAcceptInconsistencies: boolean;
}): Promise<ImportOutcome> {
  const parsed = parseChecklistText(options.text, options.fileName);
  if (!parsed.isWellFormed) return { status: 'malformed', problems: parsed.problems };
  const { file, model, inconsistencies } = parsed;
  if (inconsistencies.length > 0 && !options.shouldAcceptInconsistencies)
    return { status: 'inconsistent', inconsistencies };
  const sha = createHash('sha256').update(options.text).digest('hex');
  return options.database.db.transaction().execute(async (trx) => {
    const existing = await repo.findVersionByLabel(trx, file.checklist, file.version);
    if (existing) {
      if (existing.file_sha256 === sha)
        return { status: 'already_loaded' as const, versionId: existing.id, inconsistencies };
      throw refused('conflict', 'checklist_version_loaded', {
        args: { checklist: file.checklist, version: file.version },
      });
    }
    const wording = shortWordingFor(file.checklist, file.version);
    const version = await trx
      .insertInto('lab_checklist_version')
      .values({
        checklist: file.checklist,
        version: file.version,
        source: file.source ?? null,
        source_commit: file.sourceCommit ?? null,
        file_sha256: sha,
        answer_scores: JSON.stringify(model.answerScores),
        star_bands: JSON.stringify(model.starBands),
        proficiency_test_rule: JSON.stringify(model.proficiencyTestRule),
        notes: JSON.stringify(file.notes ?? []),
        inconsistencies: JSON.stringify(inconsistencies),
        declared_total_points:
          file.checks?.declaredTotalPoints ?? file.sections.reduce((t, s) => t + s.points, 0),
        total_points: totalQuestionPoints(model),
        loaded_by: options.audit.actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('lab_checklist_section')
      .values(
        file.sections.map((s) => ({
          version_id: version.id,
          number: s.number,
          title: s.title,
          title_km: wording.byId.get(`S${s.number}`)?.km ?? null,
          declared_points: s.points,
          points: s.questions.reduce((t, q) => t + q.points, 0),
        })),
      )
      .execute();
    let position = 0;
    const items = file.sections.flatMap((s) =>
      s.questions.flatMap((q) => [
        {
          version_id: version.id,
          id: q.id,
          section_number: s.number,
          parent_id: null,
          position: position++,
          title: q.title ?? null,
          text: q.text,
          short_en: wording.byId.get(q.id)?.en ?? null,
          short_km: wording.byId.get(q.id)?.km ?? null,
          points: q.points,
          answers: q.answers ?? parentAnswers(q.subQuestions ?? []),
        },
        ...(q.subQuestions ?? []).map((sub) => ({
          version_id: version.id,
          id: sub.id,
          section_number: s.number,
          parent_id: q.id,
          position: position++,
          title: sub.title ?? null,
          text: sub.text,
          short_en: null,
          short_km: null,
          points: null,
          answers: [...sub.answers],
        })),
      ]),
    );
    for (let i = 0; i < items.length; i += 500)
      await trx
        .insertInto('lab_checklist_item')
        .values(items.slice(i, i + 500))
        .execute();
    await recordAudit(trx, options.audit, {
      action: 'labs.checklist.import',
      entityType: 'lab_checklist_version',
      entityId: version.id,
      after: { checklist: file.checklist, version: file.version, sha256: sha, inconsistencies },
      reason: inconsistencies.length > 0 ? 'inconsistencies accepted by the administrator' : null,
    });
    return { status: 'loaded' as const, versionId: version.id, inconsistencies };
  });
}

const modelCache = new Map<string, ChecklistModel>();

/** Rebuilds the scoring model of a loaded version from its rows (cached: versions never change). */
export async function loadChecklistModel(database: Database, versionId: string): Promise<ChecklistModel> {
  return loadModelWith(database.db, versionId);
}

export async function loadModelWith(
  db: Kysely<DB> | Transaction<DB>,
  versionId: string,
): Promise<ChecklistModel> {
  const cached = modelCache.get(versionId);
  if (cached) return cached;
  const version = await repo.findVersion(db, versionId);
  if (!version) throw notFound(`Checklist version ${versionId}`);
  const [sections, items] = await Promise.all([repo.sectionsOf(db, versionId), repo.itemsOf(db, versionId)]);
  const model = modelFromRows(version, sections, items);
  modelCache.set(versionId, model);
  return model;
}

export function modelFromRows(
  version: NonNullable<repo.ChecklistVersionRow>,
  sections: repo.ChecklistSectionRow[],
  items: repo.ChecklistItemRow[],
): ChecklistModel {
  return {
    checklist: version.checklist,
    version: version.version,
    answerScores: version.answer_scores as ChecklistModel['answerScores'],
    starBands: version.star_bands as ChecklistModel['starBands'],
    proficiencyTestRule: version.proficiency_test_rule as ChecklistModel['proficiencyTestRule'],
    sections: sections.map((s) => ({
      number: s.number,
      title: s.title,
      declaredPoints: s.declared_points,
      questions: items
        .filter((i) => i.section_number === s.number && i.parent_id === null)
        .map((q) => ({
          id: q.id,
          points: q.points ?? 0,
          answers: q.answers as AuditAnswer[],
          subQuestions: items
            .filter((i) => i.parent_id === q.id)
            .map((i) => ({ id: i.id, answers: i.answers as AuditAnswer[] })),
        })),
    })),
  };
}

export async function listChecklistVersions(database: Database) {
  return repo.listVersions(database.db);
}

/** A version with its sections and items, for audit entry screens. */
export async function getChecklistVersion(database: Database, versionId: string) {
  const version = await repo.findVersion(database.db, versionId);
  if (!version) throw notFound(`Checklist version ${versionId}`);
  const [sections, items] = await Promise.all([
    repo.sectionsOf(database.db, versionId),
    repo.itemsOf(database.db, versionId),
  ]);
  return { version, sections, items };
}
