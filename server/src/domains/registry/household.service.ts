import type { MemberSearchQuery } from '@mlob/contracts';
import type { Database } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { isAreaInScope } from '../../platform/scope';
import { refused } from './refusals';
import * as repo from './registry.repo';

/** How a search text is read: Khmer name, Latin name, digits (ID or phone), or a reference. */
export function searchModeOf(q: string | undefined): repo.SearchMode {
  const text = (q ?? '')
    .normalize('NFC')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .trim();
  if (text === '') return { kind: 'area' };
  if (/[\u1780-\u17FF]/.test(text)) return { kind: 'khmer', text };
  const digits = text.replace(/[\s().-]/g, '');
  if (/^\+?[0-9]{6,15}$/.test(digits)) {
    return { kind: 'digits', text: digits.replace(/^(\+855|00855|855)0?/, '0') };
  }
  if (/[0-9]/.test(text) && /^[A-Za-z0-9._/-]+$/.test(text)) return { kind: 'reference', text };
  return { kind: 'latin', text: text.toLowerCase() };
}

/** Members by name (either script, fuzzy), identifier, phone, reference or area; within scope. */
export async function searchMembers(options: { database: Database; actor: Actor; query: MemberSearchQuery }) {
  const { query, actor } = options;
  if (query.area && actor.scope.kind === 'areas' && !isAreaInScope(actor.scope, query.area)) {
    // An area above the scope narrows to the scope itself; one outside it finds nothing.
    if (!actor.scope.areaCodes.some((c) => c.startsWith(query.area ?? '')))
      return { rows: [], hasMore: false, mode: 'area' };
  }
  const mode = searchModeOf(query.q);
  if (mode.kind === 'area' && !query.area && actor.scope.kind === 'national') {
    throw refused('bad_request', 'search_needs_criterion', {
      path: ['q'],
      detailMessage: 'required without area',
    });
  }
  const rows = await repo.searchMembers(options.database.db, {
    mode,
    scope: actor.scope,
    area: query.area,
    status: query.status,
    limit: query.limit,
    offset: query.offset,
  });
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit, mode: mode.kind };
}

/** A household with its current members; 404 when missing or out of scope. */
export async function getHousehold(options: { database: Database; actor: Actor; id: string }) {
  const household = await repo.findHouseholdInScope(options.database.db, options.id, options.actor.scope);
  if (!household) throw notFound('Household');
  return { household, members: await repo.membersOf(options.database.db, household.id) };
}

/**
 * A moment from an `asOf` parameter: a bare date means the end of that day in Cambodia, so
 * "as it was on 2026-03-01" includes that day's changes.
 */
export function momentOf(asOf: string | undefined): Date {
  if (!asOf) return new Date();
  const moment = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? new Date(`${asOf}T23:59:59.999+07:00`) : new Date(asOf);
  if (Number.isNaN(moment.getTime()))
    throw refused('bad_request', 'not_a_date', {
      args: { value: asOf },
      path: ['asOf'],
      detailMessage: 'invalid',
    });
  return moment;
}

/** The household as it was at a moment. Scope is judged on today's village, then on the old one. */
export async function getHouseholdAsOf(options: {
  database: Database;
  actor: Actor;
  id: string;
  asOf?: string;
}) {
  await getHousehold(options);
  const at = momentOf(options.asOf);
  const { household, members } = await repo.householdAsOf(options.database.db, options.id, at);
  if (!household || !isAreaInScope(options.actor.scope, household.village_code)) {
    throw refused('not_found', 'household_not_yet', { args: { date: options.asOf ?? 'that date' } });
  }
  return { household, members, at };
}

export async function getHouseholdHistory(options: { database: Database; actor: Actor; id: string }) {
  await getHousehold(options);
  return repo.householdVersions(options.database.db, options.id);
}
