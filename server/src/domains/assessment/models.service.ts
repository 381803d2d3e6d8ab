import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { QuestionnaireFile, ScoringModelFile, Setting } from '@mlob/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';
import { type AuditContext, canonicalJson, recordAudit } from '../../platform/audit/audit';
import { notFound } from '../../platform/errors';
import { validateQuestionnaire, validateScoringModel } from './model-validation';
import { refused } from './refusals';

type Db = Kysely<DB> | Transaction<DB>;

const DATA_DIR = new URL('./data/', import.meta.url).pathname;

/** The versions every installation starts with; all ILLUSTRATIVE (the real weights are not public). */
export const SHIPPED_VERSIONS = {
  questionnaires: ['questionnaire-rural-2026.json', 'questionnaire-urban-2026.json'],
  models: ['model-illustrative-rural-2026.json', 'model-illustrative-urban-2026.json'],
};

export function readShippedFile(name: string): unknown {
  return JSON.parse(fs.readFileSync(`${DATA_DIR}${name}`, 'utf8'));
}

function checksumOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * Loads a questionnaire version. Loading the same content again is a no-op; different
 * content under a code that exists is refused, because versions are never edited: a
 * change is a new version with a new code.
 */
export async function loadQuestionnaire(
  trx: Transaction<DB>,
  audit: AuditContext,
  value: unknown,
  file = 'questionnaire',
): Promise<{ id: number; isNew: boolean }> {
  const q = validateQuestionnaire(value, file);
  const checksum = checksumOf(q);
  const existing = await trx
    .selectFrom('questionnaire_version')
    .select(['id', 'checksum'])
    .where('code', '=', q.code)
    .executeTakeFirst();
  if (existing) {
    if (existing.checksum === checksum) return { id: existing.id, isNew: false };
    throw refused('conflict', 'questionnaire_exists', {
      args: { code: q.code },
      details: [{ path: ['code'], message: 'versions are never edited', file }],
    });
  }
  const row = await trx
    .insertInto('questionnaire_version')
    .values({
      code: q.code,
      setting: q.setting,
      title_en: q.title.en,
      title_km: q.title.km,
      is_illustrative: q.isIllustrative,
      definition: JSON.stringify(q),
      checksum,
      loaded_by: audit.actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, audit, {
    action: 'assessment.questionnaire.load',
    entityType: 'questionnaire_version',
    entityId: String(row.id),
    after: { code: q.code, setting: q.setting, checksum, isIllustrative: q.isIllustrative },
  });
  return { id: row.id, isNew: true };
}

/** Loads a scoring model version after validating it against its questionnaire. */
export async function loadScoringModel(
  trx: Transaction<DB>,
  audit: AuditContext,
  value: unknown,
  file = 'model',
): Promise<{ id: number; isNew: boolean }> {
  const code = (value as { questionnaire?: unknown } | null)?.questionnaire;
  const qRow =
    typeof code === 'string'
      ? await trx.selectFrom('questionnaire_version').selectAll().where('code', '=', code).executeTakeFirst()
      : undefined;
  if (!qRow)
    throw refused('validation_failed', 'model_without_questionnaire', {
      details: [{ path: ['questionnaire'], message: `No questionnaire "${String(code)}" is loaded`, file }],
    });
  const model = validateScoringModel(value, qRow.definition as QuestionnaireFile, file);
  const checksum = checksumOf(model);
  const existing = await trx
    .selectFrom('scoring_model_version')
    .select(['id', 'checksum'])
    .where('code', '=', model.code)
    .executeTakeFirst();
  if (existing) {
    if (existing.checksum === checksum) return { id: existing.id, isNew: false };
    throw refused('conflict', 'model_exists', {
      args: { code: model.code },
      details: [{ path: ['code'], message: 'versions are never edited', file }],
    });
  }
  const row = await trx
    .insertInto('scoring_model_version')
    .values({
      code: model.code,
      questionnaire_version_id: qRow.id,
      title_en: model.title.en,
      title_km: model.title.km,
      is_illustrative: model.isIllustrative,
      definition: JSON.stringify(model),
      checksum,
      level1_cutoff: model.cutoffs.level1,
      level2_cutoff: model.cutoffs.level2,
      loaded_by: audit.actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, audit, {
    action: 'assessment.model.load',
    entityType: 'scoring_model_version',
    entityId: String(row.id),
    after: { code: model.code, questionnaire: qRow.code, checksum, cutoffs: model.cutoffs },
  });
  return { id: row.id, isNew: true };
}

/** Loads the shipped illustrative versions (reference data; idempotent). */
export async function ensureShippedModels(options: { database: Database; audit: AuditContext }) {
  await options.database.db.transaction().execute(async (trx) => {
    for (const f of SHIPPED_VERSIONS.questionnaires)
      await loadQuestionnaire(trx, options.audit, readShippedFile(f), f);
    for (const f of SHIPPED_VERSIONS.models)
      await loadScoringModel(trx, options.audit, readShippedFile(f), f);
  });
}

export interface LoadedModel {
  id: number;
  code: string;
  questionnaireVersionId: number;
  setting: Setting;
  model: ScoringModelFile;
  questionnaire: QuestionnaireFile;
}

// Versions are immutable once loaded, so a process may keep them.
const modelCache = new Map<string, LoadedModel>();

/** A model version with its questionnaire; not found when it does not exist. */
export async function getModel(db: Db, id: number): Promise<LoadedModel> {
  const row = await db
    .selectFrom('scoring_model_version as m')
    .innerJoin('questionnaire_version as q', 'q.id', 'm.questionnaire_version_id')
    .select([
      'm.id',
      'm.code',
      'm.checksum',
      'm.definition',
      'q.id as qid',
      'q.setting',
      'q.definition as qdef',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`Scoring model ${id}`);
  const key = `${row.id}:${row.checksum}`;
  const cached = modelCache.get(key);
  if (cached) return cached;
  const loaded: LoadedModel = {
    id: row.id,
    code: row.code,
    questionnaireVersionId: row.qid,
    setting: row.setting as Setting,
    model: row.definition as ScoringModelFile,
    questionnaire: row.qdef as QuestionnaireFile,
  };
  modelCache.set(key, loaded);
  return loaded;
}

/** The most recently loaded model for a setting: the default for on-demand assessments. */
export async function latestModelFor(db: Db, setting: Setting): Promise<LoadedModel> {
  const row = await db
    .selectFrom('scoring_model_version as m')
    .innerJoin('questionnaire_version as q', 'q.id', 'm.questionnaire_version_id')
    .select('m.id')
    .where('q.setting', '=', setting)
    .orderBy('m.loaded_at', 'desc')
    .orderBy('m.id', 'desc')
    .executeTakeFirst();
  if (!row) throw refused('conflict', 'no_model_for_setting', { args: { setting } });
  return getModel(db, row.id);
}

export async function listModels(db: Db) {
  return db
    .selectFrom('scoring_model_version as m')
    .innerJoin('questionnaire_version as q', 'q.id', 'm.questionnaire_version_id')
    .select([
      'm.id',
      'm.code',
      'm.title_en',
      'm.title_km',
      'm.is_illustrative',
      'm.level1_cutoff',
      'm.level2_cutoff',
      'm.loaded_at',
      'q.id as questionnaire_id',
      'q.code as questionnaire_code',
      'q.setting',
    ])
    .orderBy('m.id')
    .execute();
}

export async function listQuestionnaires(db: Db) {
  return db
    .selectFrom('questionnaire_version')
    .select(['id', 'code', 'setting', 'title_en', 'title_km', 'is_illustrative', 'definition', 'loaded_at'])
    .orderBy('id')
    .execute();
}
