import type { Database } from '../../../db/database';
import type { Actor } from '../../../platform/actor';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import { todayInCambodia } from '../../geography';
import { assertLabVisible, labViewOf } from '../labs.access';
import { insertNc } from '../ncs/ncs.service';
import { refused } from '../refusals';
import * as repo from './quality.repo';

export async function listSchemes(database: Database) {
  return database.db.selectFrom('lab_eqa_scheme').selectAll().orderBy('code').execute();
}

/** EQA schemes are the network's (the Bureau registers them). */
export async function createScheme(options: {
  database: Database;
  audit: AuditContext;
  scheme: { code: string; name: string; provider: string; discipline: string; passPercent: number };
}) {
  if (labViewOf(options.audit.actor).kind !== 'network') throw refused('forbidden', 'eqa_by_bureau');
  return options.database.db.transaction().execute(async (trx) => {
    const s = options.scheme;
    if (await trx.selectFrom('lab_eqa_scheme').select('id').where('code', '=', s.code).executeTakeFirst())
      throw refused('conflict', 'scheme_exists', { args: { code: s.code }, path: ['code'] });
    const row = await trx
      .insertInto('lab_eqa_scheme')
      .values({
        code: s.code,
        name: s.name,
        provider: s.provider,
        discipline: s.discipline,
        pass_percent: s.passPercent,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, options.audit, {
      action: 'labs.eqa.scheme.create',
      entityType: 'lab_eqa_scheme',
      entityId: row.id,
      after: s,
    });
    return row;
  });
}

function roundsQuery(database: Database, actor: Actor) {
  return repo.roundsQuery(database.db, labViewOf(actor));
}

export type EqaRoundRow = Awaited<ReturnType<typeof listRounds>>[number];

export async function listRounds(options: {
  database: Database;
  actor: Actor;
  labCode?: string | undefined;
}) {
  let query = roundsQuery(options.database, options.actor);
  if (options.labCode) query = query.where('r.lab_code', '=', options.labCode);
  return query.orderBy('r.due_on', 'desc').execute();
}

export async function createRound(options: {
  database: Database;
  audit: AuditContext;
  round: { schemeId: string; labCode: string; roundLabel: string; dueOn: string };
}) {
  assertLabVisible(labViewOf(options.audit.actor), options.round.labCode);
  const r = options.round;
  const id = await options.database.db.transaction().execute(async (trx) => {
    if (
      !(await trx.selectFrom('lab_eqa_scheme').select('id').where('id', '=', r.schemeId).executeTakeFirst())
    )
      throw notFound(`EQA scheme ${r.schemeId}`);
    const row = await trx
      .insertInto('lab_eqa_round')
      .values({ scheme_id: r.schemeId, lab_code: r.labCode, round_label: r.roundLabel, due_on: r.dueOn })
      .onConflict((oc) => oc.columns(['scheme_id', 'lab_code', 'round_label']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row)
      throw refused('conflict', 'eqa_round_exists', {
        args: { round: r.roundLabel, lab: r.labCode },
        path: ['roundLabel'],
      });
    await recordAudit(trx, options.audit, {
      action: 'labs.eqa.round.create',
      entityType: 'lab_eqa_round',
      entityId: row.id,
      after: r,
    });
    return row.id;
  });
  return getRound({ database: options.database, actor: options.audit.actor, id });
}

export async function getRound(options: { database: Database; actor: Actor; id: string }) {
  const row = await roundsQuery(options.database, options.actor)
    .where('r.id', '=', options.id)
    .executeTakeFirst();
  if (!row) throw notFound(`EQA round ${options.id}`);
  return row;
}

/**
 * Records a round's score. Below the scheme's pass mark the result is unsatisfactory and opens
 * a nonconformity (source EQA) linked to the round, in the same transaction.
 */
export async function recordResult(options: {
  database: Database;
  audit: AuditContext;
  roundId: string;
  scorePercent: number;
  scoredOn: string;
  note?: string | undefined;
}) {
  const { actor } = options.audit;
  const round = await getRound({ database: options.database, actor, id: options.roundId });
  await options.database.db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('lab_eqa_round')
      .selectAll()
      .where('id', '=', round.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.status === 'scored') throw refused('conflict', 'eqa_round_scored');
    const isSatisfactory = options.scorePercent >= Number(round.pass_percent);
    let ncId: string | null = null;
    if (!isSatisfactory)
      ncId = await insertNc(trx, options.audit, {
        labCode: round.lab_code,
        source: 'eqa',
        title: `Unsatisfactory EQA: ${round.scheme_name}, ${round.round_label} (${options.scorePercent}%)`,
        description: `EQA round ${round.round_label} of ${round.scheme_name} scored ${options.scorePercent}%, below the pass mark of ${Number(round.pass_percent)}%.${options.note ? ` ${options.note}` : ''}`,
        links: [
          {
            entityType: 'eqa_result',
            entityId: round.id,
            label: `${round.scheme_code} ${round.round_label}`,
          },
        ],
      });
    await trx
      .updateTable('lab_eqa_round')
      .set({
        status: 'scored',
        score_percent: options.scorePercent,
        is_satisfactory: isSatisfactory,
        scored_on: options.scoredOn,
        result_note: options.note ?? null,
        nc_id: ncId,
      })
      .where('id', '=', round.id)
      .execute();
    await recordAudit(trx, options.audit, {
      action: 'labs.eqa.result',
      entityType: 'lab_eqa_round',
      entityId: round.id,
      after: { scorePercent: options.scorePercent, isSatisfactory, ncId },
    });
  });
  return getRound({ database: options.database, actor, id: round.id });
}

export function isRoundOverdue(row: { status: string; due_on: string }): boolean {
  return row.status === 'open' && row.due_on < todayInCambodia();
}
