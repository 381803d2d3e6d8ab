import type {
  ChangeRequest,
  ChangeRequestSubjects,
  HistoryEntry,
  Household,
  ImportRun,
  Member,
} from '@mlob/contracts';

/** What a member row looks like to the presenters (current or historical version). */
export interface MemberLike {
  id: string;
  member_ref: string;
  household_id: string;
  family_name_km: string;
  given_name_km: string;
  family_name_latin: string | null;
  given_name_latin: string | null;
  sex: string;
  birth_date: string | null;
  birth_precision: string | null;
  relation_to_head: string;
  national_id: string | null;
  phone: string | null;
  disability: string[];
  chronic_illness: boolean | null;
  is_pregnant: boolean;
  death_date: string | null;
  status: string;
  version: number;
}

export interface HouseholdLike {
  id: string;
  household_ref: string;
  village_code: string;
  address: string | null;
  phones: string[];
  status: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A partial birth date shown as precisely as it is known: 1980, 1980-05 or 1980-05-03. */
export function displayBirthDate(date: string | null, precision: string | null): string | null {
  if (!date) return null;
  if (precision === 'year') return date.slice(0, 4);
  if (precision === 'month') return date.slice(0, 7);
  return date;
}

/** The whitelist of member fields that leave the server. */
export function presentMember(m: MemberLike): Member {
  return {
    id: m.id,
    memberRef: m.member_ref,
    householdId: m.household_id,
    familyNameKm: m.family_name_km,
    givenNameKm: m.given_name_km,
    familyNameLatin: m.family_name_latin,
    givenNameLatin: m.given_name_latin,
    sex: m.sex as Member['sex'],
    birthDate: displayBirthDate(m.birth_date, m.birth_precision),
    birthPrecision: m.birth_precision as Member['birthPrecision'],
    relationToHead: m.relation_to_head as Member['relationToHead'],
    nationalId: m.national_id,
    phone: m.phone,
    disability: m.disability,
    chronicIllness: m.chronic_illness,
    isPregnant: m.is_pregnant,
    deathDate: m.death_date,
    status: m.status as Member['status'],
    version: m.version,
  };
}

export function presentHousehold(h: HouseholdLike, members: MemberLike[]): Household {
  return {
    id: h.id,
    householdRef: h.household_ref,
    villageCode: h.village_code,
    address: h.address,
    phones: h.phones,
    status: h.status as Household['status'],
    version: h.version,
    createdAt: new Date(h.created_at).toISOString(),
    updatedAt: new Date(h.updated_at).toISOString(),
    members: members.map(presentMember),
  };
}

type Versioned = Record<string, unknown> & {
  id: string;
  version: number;
  change_id: string;
  kind: string;
  source: string;
  reason: string;
  actor_kind: string;
  actor_id: string | null;
  at: Date;
};

const INTERNAL_FIELDS = new Set([
  'id',
  'version',
  'change_id',
  'kind',
  'source',
  'reason',
  'actor_kind',
  'actor_id',
  'at',
  'updated_at',
  'created_at',
  'valid_to',
  'closed_by_change_id',
  'name_km_key',
  'name_latin_key',
  'phonetic_key',
]);

/** Successive versions of each entity → field-level changes (before/after), newest first. */
export function presentHistory(households: Versioned[], members: Versioned[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  const walk = (rows: Versioned[], entityType: 'household' | 'member', refField: string) => {
    let previous: Versioned | undefined;
    for (const row of rows) {
      if (previous && previous.id !== row.id) previous = undefined;
      const changes = Object.keys(row)
        .filter((field) => !INTERNAL_FIELDS.has(field))
        .filter((field) => JSON.stringify(row[field]) !== JSON.stringify(previous?.[field] ?? null))
        .map((field) => ({
          field,
          before: previous ? (previous[field] ?? null) : null,
          after: row[field] ?? null,
        }));
      entries.push({
        at: new Date(row.at).toISOString(),
        changeId: row.change_id,
        kind: row.kind,
        source: row.source,
        reason: row.reason,
        actorKind: row.actor_kind,
        actorId: row.actor_id,
        entityType,
        ref: String(row[refField]),
        changes,
      });
      previous = row;
    }
  };
  walk(households, 'household', 'household_ref');
  walk(members, 'member', 'member_ref');
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function presentImportRun(
  r: {
    id: string;
    job_id: string | null;
    status: string;
    phase: 'checking' | 'writing' | 'indexing' | null;
    households_file: string;
    members_file: string;
    households_imported: number;
    households_updated: number;
    households_unchanged: number;
    households_rejected: number;
    members_total: number;
    started_at: Date;
    finished_at: Date | string | null;
  },
  issues: number,
): ImportRun {
  return {
    id: r.id,
    jobId: r.job_id,
    status: r.status as ImportRun['status'],
    phase: r.phase,
    householdsFile: r.households_file,
    membersFile: r.members_file,
    imported: r.households_imported,
    updated: r.households_updated,
    unchanged: r.households_unchanged,
    rejected: r.households_rejected,
    members: r.members_total,
    issues,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

export function presentChangeRequest(
  r: {
    id: string;
    kind: string;
    status: string;
    village_code: string;
    household_id: string | null;
    payload: unknown;
    reason: string;
    levels: string[];
    next_level: number;
    requested_by: string;
    requested_at: Date;
    decided_at: Date | string | null;
    rejection_reason: string | null;
  },
  steps: { level: string; decision: string; decided_by: string; comment: string | null; decided_at: Date }[],
  subjects?: ChangeRequestSubjects,
): ChangeRequest {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status as ChangeRequest['status'],
    villageCode: r.village_code,
    householdId: r.household_id,
    payload: r.payload,
    reason: r.reason,
    levels: r.levels,
    awaitingLevel: r.status === 'pending' ? (r.levels[r.next_level] ?? null) : null,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    rejectionReason: r.rejection_reason,
    steps: steps.map((s) => ({
      level: s.level,
      decision: s.decision,
      decidedBy: s.decided_by,
      comment: s.comment,
      decidedAt: new Date(s.decided_at).toISOString(),
    })),
    ...(subjects ? { subjects } : {}),
  };
}
