import type { CardVerification } from '@mlob/contracts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';
import type { Actor } from '../../platform/actor';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { notFound } from '../../platform/errors';
import { todayInCambodia } from '../geography';
import { cardNumberFromInput, formatCardNumber, isValidCardNumber, newCardNumber } from './card-number';
import { renderCardPdf } from './card-pdf';
import * as repo from './cards.repo';
import { refused } from './refusals';

/**
 * Issues Equity Cards for a published list: every household at final level 1 or 2 gets a
 * new card, and any card it held before is superseded (so is the card of a household the
 * re-assessment found no longer poor). Validity: the round's months, or the on-demand rule.
 */
export async function issueCardsForList(
  trx: Transaction<DB>,
  audit: AuditContext,
  options: { listId: string; roundId: string | null },
) {
  const today = todayInCambodia();
  const months = options.roundId
    ? (
        await trx
          .selectFrom('assessment_round')
          .select('card_valid_months')
          .where('id', '=', options.roundId)
          .executeTakeFirstOrThrow()
      ).card_valid_months
    : await repo.ruleValue(trx, 'on_demand_card_months', today);
  const entries = await trx
    .selectFrom('village_list_entry as e')
    .innerJoin('village_list as l', 'l.id', 'e.list_id')
    .select(['e.household_id', 'e.final_level', 'l.village_code'])
    .where('e.list_id', '=', options.listId)
    .execute();
  const superseded = await repo.supersedeActiveCards(
    trx,
    entries.map((e) => e.household_id),
    `Superseded by the re-assessment published in list ${options.listId}`,
  );
  const poor = entries.filter((e) => e.final_level === 1 || e.final_level === 2);
  // Random serials: retry the few that clash with a number already issued.
  const numbers = new Map(poor.map((e) => [e.household_id, newCardNumber(e.village_code.slice(0, 2))]));
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const taken = await repo.takenNumbers(trx, [...numbers.values()]);
    const seen = new Set<string>();
    let clashes = 0;
    for (const e of poor) {
      const n = numbers.get(e.household_id)!;
      if (taken.has(n) || seen.has(n)) {
        numbers.set(e.household_id, newCardNumber(e.village_code.slice(0, 2)));
        clashes += 1;
      }
      seen.add(numbers.get(e.household_id)!);
    }
    if (clashes === 0) break;
  }
  const issued = await repo.insertCards(trx, {
    cards: poor.map((e) => ({
      householdId: e.household_id,
      cardNumber: numbers.get(e.household_id)!,
      level: e.final_level!,
    })),
    validFrom: today,
    months,
    listId: options.listId,
    issuedBy: audit.actor.name,
  });
  const newByHousehold = new Map(issued.map((c) => [c.household_id, c.id]));
  await repo.linkSuperseded(
    trx,
    superseded.flatMap((s) => {
      const newId = newByHousehold.get(s.household_id);
      return newId ? [{ oldId: s.id, newId }] : [];
    }),
  );
  await recordAudit(trx, audit, [
    ...superseded.map((s) => ({
      action: 'assessment.card.supersede',
      entityType: 'equity_card',
      entityId: s.id,
      before: { status: 'active' },
      after: { status: 'superseded', supersededBy: newByHousehold.get(s.household_id) ?? null },
    })),
    ...issued.map((c) => ({
      action: 'assessment.card.issue',
      entityType: 'equity_card',
      entityId: c.id,
      after: {
        cardNumber: c.card_number,
        householdId: c.household_id,
        level: c.level,
        listId: options.listId,
      },
    })),
  ]);
  return { issued: issued.length, superseded: superseded.length };
}

export async function getCard(options: { database: Database; actor: Actor; id: string }) {
  const card = await repo.findCardInScope(options.database.db, options.id, options.actor.scope);
  if (!card) throw notFound(`Card ${options.id}`);
  return card;
}

/** The warning step: the household is told its card will be revoked, and why. */
export async function warnCard(options: {
  database: Database;
  audit: AuditContext;
  id: string;
  reason: string;
}) {
  await options.database.db.transaction().execute(async (trx) => {
    const card = await repo.findCardInScope(trx, options.id, options.audit.actor.scope);
    if (!card) throw notFound(`Card ${options.id}`);
    if (card.status !== 'active')
      throw refused('conflict', 'card_not_active', {
        args: { card: formatCardNumber(card.card_number), status: card.status },
      });
    if (card.warning_at) throw refused('conflict', 'household_warned');
    await trx
      .updateTable('equity_card')
      .set({ warning_at: new Date(), warning_reason: options.reason })
      .where('id', '=', card.id)
      .execute();
    await recordAudit(trx, options.audit, {
      action: 'assessment.card.warn',
      entityType: 'equity_card',
      entityId: card.id,
      after: { warned: true },
      reason: options.reason,
    });
  });
}

/** Revocation: only after a warning, and only once the warning period has passed. */
export async function revokeCard(options: {
  database: Database;
  audit: AuditContext;
  id: string;
  reason: string;
}) {
  await options.database.db.transaction().execute(async (trx) => {
    const card = await repo.findCardInScope(trx, options.id, options.audit.actor.scope);
    if (!card) throw notFound(`Card ${options.id}`);
    if (card.status !== 'active')
      throw refused('conflict', 'card_not_active', {
        args: { card: formatCardNumber(card.card_number), status: card.status },
      });
    if (!card.warning_at) throw refused('conflict', 'warn_before_revoking');
    const days = await repo.ruleValue(trx, 'revocation_warning_days', todayInCambodia());
    const until = new Date(card.warning_at.getTime() + days * 86_400_000);
    if (until > new Date())
      throw refused('conflict', 'warning_period_runs', { args: { date: until.toISOString().slice(0, 10) } });
    await trx
      .updateTable('equity_card')
      .set({ status: 'revoked', status_reason: options.reason, status_changed_at: new Date() })
      .where('id', '=', card.id)
      .execute();
    await recordAudit(trx, options.audit, {
      action: 'assessment.card.revoke',
      entityType: 'equity_card',
      entityId: card.id,
      before: { status: 'active' },
      after: { status: 'revoked' },
      reason: options.reason,
    });
  });
}

/** Marks cards past their validity as expired; run daily (CLI or the endpoint). */
export async function expireCards(options: { database: Database; audit: AuditContext; onDate?: string }) {
  const onDate = options.onDate ?? todayInCambodia();
  return options.database.db.transaction().execute(async (trx) => {
    const expired = await repo.expireCards(trx, onDate);
    await recordAudit(
      trx,
      options.audit,
      expired.map((c) => ({
        action: 'assessment.card.expire',
        entityType: 'equity_card',
        entityId: c.id,
        before: { status: 'active' },
        after: { status: 'expired', validUntil: c.valid_until },
      })),
    );
    return expired.length;
  });
}

/**
 * Public verification: a number (typed, or the QR payload) → valid or not, level, valid
 * until. Nothing about the household. A number that fails its check digits is not looked up.
 */
export async function verifyCard(options: { database: Database; input: string }): Promise<CardVerification> {
  const canonical = cardNumberFromInput(options.input);
  const shown = canonical ? formatCardNumber(canonical) : options.input.trim().slice(0, 40);
  if (!canonical || !isValidCardNumber(canonical))
    return { cardNumber: shown, isValid: false, level: null, validUntil: null };
  const card = await repo.findCardByNumber(options.database.db, canonical);
  const isValid = card !== undefined && card.status === 'active' && card.valid_until >= todayInCambodia();
  return {
    cardNumber: shown,
    isValid,
    level: isValid ? (card!.level as 1 | 2) : null,
    validUntil: isValid ? card!.valid_until : null,
  };
}

/** The printable card (PDF) with the household's members and the QR code. */
export async function printCard(options: { database: Database; actor: Actor; id: string }) {
  const { db } = options.database;
  const card = await getCard(options);
  const [members, village, model] = await Promise.all([
    repo.cardMembers(db, card.household_id),
    db
      .selectFrom('area')
      .select(['name_km', 'name_latin'])
      .where('code', '=', card.village_code)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('assessment as a')
      .innerJoin('scoring_model_version as m', 'm.id', 'a.model_version_id')
      .select('m.is_illustrative')
      .where('a.id', '=', card.assessment_id)
      .executeTakeFirstOrThrow(),
  ]);
  return renderCardPdf({
    card,
    members,
    villageNameKm: village.name_km,
    villageNameLatin: village.name_latin,
    isIllustrative: model.is_illustrative,
  });
}
