import type {
  Answers,
  Assessment,
  EquityCard,
  ModelSummary,
  Objection,
  Round,
  ScoreExplanation,
  Setting,
  VillageList,
  ZAssessmentRequest,
  ZVillageListSummary,
} from '@mlob/contracts';
import type { z } from 'zod';
import { formatCardNumber, qrPayloadFor } from './card-number';
import type { CardRow } from './cards.repo';
import type { ListRow, listEntries, listObjections } from './lists.repo';
import type { listModels } from './models.service';

const iso = (d: Date | string | null): string | null =>
  d === null ? null : d instanceof Date ? d.toISOString() : d;
const level = (n: number | null) => (n === 1 || n === 2 ? n : null);

export function presentModelSummary(row: Awaited<ReturnType<typeof listModels>>[number]): ModelSummary {
  return {
    id: row.id,
    code: row.code,
    title: { en: row.title_en, km: row.title_km },
    isIllustrative: row.is_illustrative,
    questionnaireId: row.questionnaire_id,
    questionnaireCode: row.questionnaire_code,
    setting: row.setting as Setting,
    cutoffs: { level1: row.level1_cutoff, level2: row.level2_cutoff },
  };
}

export function presentRound(row: {
  id: string;
  setting: string;
  number: number;
  title: string;
  starts_on: string;
  ends_on: string;
  questionnaire_version_id: number;
  model_version_id: number;
  card_valid_months: number;
  village_count: number | string | null;
}): Round {
  return {
    id: row.id,
    setting: row.setting as Setting,
    number: row.number,
    title: row.title,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    questionnaireVersionId: row.questionnaire_version_id,
    modelVersionId: row.model_version_id,
    cardValidMonths: row.card_valid_months,
    villageCount: Number(row.village_count ?? 0),
  };
}

export function presentRequest(row: {
  id: string;
  household_id: string;
  village_code: string;
  requested_via: string;
  requester_name: string;
  reason: string;
  status: string;
  created_at: Date;
}): z.infer<typeof ZAssessmentRequest> {
  return {
    id: row.id,
    householdId: row.household_id,
    villageCode: row.village_code,
    requestedVia: row.requested_via as 'officer',
    requesterName: row.requester_name,
    reason: row.reason,
    status: row.status as 'open',
    createdAt: row.created_at.toISOString(),
  };
}

export function presentAssessment(
  row: {
    id: string;
    household_id: string;
    village_code: string;
    round_id: string | null;
    request_id: string | null;
    questionnaire_version_id: number;
    model_version_id: number;
    interviewer_name: string;
    interviewed_on: string;
  },
  answers: Answers,
  explanation: ScoreExplanation,
): Assessment {
  return {
    id: row.id,
    householdId: row.household_id,
    villageCode: row.village_code,
    roundId: row.round_id,
    requestId: row.request_id,
    questionnaireVersionId: row.questionnaire_version_id,
    modelVersionId: row.model_version_id,
    interviewerName: row.interviewer_name,
    interviewedOn: row.interviewed_on,
    answers,
    explanation,
  };
}

export function presentObjection(row: Awaited<ReturnType<typeof listObjections>>[number]): Objection {
  return {
    id: row.id,
    listId: row.list_id,
    householdId: row.household_id,
    lodgedByName: row.lodged_by_name,
    reason: row.reason,
    requestedLevel: level(row.requested_level),
    status: row.status as Objection['status'],
    decisionReason: row.decision_reason,
    decidedAt: iso(row.decided_at),
  };
}

function listHeader(list: ListRow) {
  return {
    id: list.id,
    villageCode: list.village_code,
    villageNameKm: list.village_name_km,
    villageNameLatin: list.village_name_latin,
    roundId: list.round_id,
    status: list.status as VillageList['status'],
    objectionUntil: list.objection_until,
    councilDecisionRef: list.council_decision_ref,
    createdAt: list.created_at.toISOString(),
    publishedAt: iso(list.published_at),
  };
}

export function presentListSummary(
  list: ListRow & { entry_count: number | string | null },
): z.infer<typeof ZVillageListSummary> {
  return { ...listHeader(list), entryCount: Number(list.entry_count ?? 0) };
}

export function presentList(
  list: ListRow,
  entries: Awaited<ReturnType<typeof listEntries>>,
  objections: Awaited<ReturnType<typeof listObjections>>,
): VillageList {
  return {
    ...listHeader(list),
    entries: entries.map((e) => ({
      householdId: e.household_id,
      householdRef: e.household_ref,
      headNameKm: e.head_name_km,
      memberCount: Number(e.member_count),
      score: Number(e.score),
      proposedLevel: level(e.proposed_level),
      finalLevel: level(e.final_level),
    })),
    objections: objections.map(presentObjection),
  };
}

export function presentCard(row: CardRow): EquityCard {
  return {
    id: row.id,
    cardNumber: formatCardNumber(row.card_number),
    householdId: row.household_id,
    householdRef: row.household_ref,
    villageCode: row.village_code,
    level: row.level as 1 | 2,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status as EquityCard['status'],
    statusReason: row.status_reason,
    supersededByCardId: row.superseded_by_card_id,
    warningAt: iso(row.warning_at),
    warningReason: row.warning_reason,
    issuedAt: row.issued_at.toISOString(),
    qrPayload: qrPayloadFor(row.card_number),
  };
}
