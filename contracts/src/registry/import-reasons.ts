import {
  fillSentence,
  type SentenceArgs,
  type SentenceLanguage,
  type Sentences,
  sentenceArgNames,
} from '../platform/sentences';

/**
 * Why an import refused a value: one stable code per rule, with its sentence in English and
 * in Khmer. The server writes the English sentence into the report's `reason` column (the
 * command-line contract) and keeps the code and its arguments beside it, so the web app and a
 * Khmer report show the same problem in the reader's language. One catalogue for both ends:
 * the server and the web render the same sentences, and a rule's wording changes in one place.
 *
 * `{name}` marks an argument. Column names, file names and the values of the file format stay
 * as they are in every language: they are what the reader must type into the file.
 */
export const IMPORT_REASONS = {
  required: { en: '{column} is required', km: 'ត្រូវតែបំពេញ {column}' },
  bad_reference: {
    en: '{column} may hold only letters, digits and . _ / - (at most 64)',
    km: '{column} អាចមានតែអក្សរ លេខ និង . _ / - ប៉ុណ្ណោះ (យ៉ាងច្រើន 64)',
  },
  unknown_village: { en: 'unknown village code', km: 'មិនស្គាល់លេខកូដភូមិនេះ' },
  outside_area: { en: 'village outside your area', km: 'ភូមិនេះនៅក្រៅតំបន់របស់អ្នក' },
  bad_phone: {
    en: 'not a Cambodian phone number (0 and 8 or 9 digits, or +855)',
    km: 'មិនមែនជាលេខទូរស័ព្ទកម្ពុជា (0 និងលេខ 8 ឬ 9 ខ្ទង់ ឬ +855)',
  },
  duplicate_in_file: {
    en: 'duplicate {column} in the file (also row {row})',
    km: '{column} ស្ទួនក្នុងឯកសារ (មាននៅជួរទី {row} ដែរ)',
  },
  repeated_later: {
    en: '{column} appears again later in the file',
    km: '{column} នេះមានម្ដងទៀតនៅជួរខាងក្រោមក្នុងឯកសារ',
  },
  not_khmer: { en: '{column} must be written in Khmer script', km: '{column} ត្រូវសរសេរជាអក្សរខ្មែរ' },
  not_latin: { en: '{column} must be written in Latin letters', km: '{column} ត្រូវសរសេរជាអក្សរឡាតាំង' },
  bad_sex: { en: '{column} must be F or M', km: '{column} ត្រូវតែជា F ឬ M' },
  bad_date_format: {
    en: '{column} must be YYYY-MM-DD, YYYY-MM or YYYY',
    km: '{column} ត្រូវមានទម្រង់ YYYY-MM-DD, YYYY-MM ឬ YYYY',
  },
  impossible_date: { en: 'impossible date', km: 'កាលបរិច្ឆេទនេះមិនអាចមានពិតទេ' },
  future_birth_date: { en: 'birth date is in the future', km: 'ថ្ងៃខែឆ្នាំកំណើតនៅថ្ងៃអនាគត' },
  birth_date_before_1900: { en: 'birth date is before 1900', km: 'ថ្ងៃខែឆ្នាំកំណើតមុនឆ្នាំ 1900' },
  not_one_of: {
    en: '{column} must be one of {values}',
    km: '{column} ត្រូវតែជាតម្លៃមួយក្នុងចំណោម {values}',
  },
  bad_national_id: { en: '{column} must be 9 or 10 digits', km: '{column} ត្រូវមានលេខ 9 ឬ 10 ខ្ទង់' },
  not_list_of: {
    en: '{column} must be a ;-separated list of {values}',
    km: '{column} ត្រូវជាបញ្ជីដែលបំបែកដោយ ; នៃ {values}',
  },
  bad_boolean: { en: '{column} must be true, false or empty', km: '{column} ត្រូវតែជា true, false ឬទុកទទេ' },
  unknown_household: {
    en: 'member of an unknown household (not in households.csv)',
    km: 'សមាជិកនៃគ្រួសារដែលមិនស្គាល់ (មិនមានក្នុង households.csv)',
  },
  missing_head: {
    en: 'missing head: no member of this household has relation_to_head = head',
    km: 'ខ្វះមេគ្រួសារ៖ គ្មានសមាជិកណាម្នាក់នៃគ្រួសារនេះមាន relation_to_head = head ទេ',
  },
  two_heads: {
    en: 'two heads: household {household} has {count} members with relation_to_head = head',
    km: 'មេគ្រួសារពីរ៖ គ្រួសារ {household} មានសមាជិក {count} នាក់ដែលមាន relation_to_head = head',
  },
  head_already_registered: {
    en: 'two heads: the registry already has head {member}, who is not in members.csv',
    km: 'មេគ្រួសារពីរ៖ ក្នុងបញ្ជីមានមេគ្រួសារ {member} រួចហើយ ហើយគាត់មិនមានក្នុង members.csv ទេ',
  },
  malformed_csv: { en: 'malformed CSV: {detail}', km: 'CSV ខុសទម្រង់៖ {detail}' },
  wrong_column_count: {
    en: 'malformed CSV: expected {expected} columns, found {found} (line {line})',
    km: 'CSV ខុសទម្រង់៖ ត្រូវមាន {expected} ជួរឈរ តែមាន {found} (បន្ទាត់ទី {line})',
  },
} as const satisfies Record<string, Sentences>;

export type ImportReasonCode = keyof typeof IMPORT_REASONS;
export type ImportReasonArgs = SentenceArgs;
export type ImportReasonLanguage = SentenceLanguage;

export function isImportReasonCode(code: string): code is ImportReasonCode {
  return Object.hasOwn(IMPORT_REASONS, code);
}

/** The names of a reason's arguments, in the order its English sentence uses them. */
export function importReasonArgNames(code: ImportReasonCode): string[] {
  return sentenceArgNames(IMPORT_REASONS[code].en);
}

/** A reason's sentence in a language, its arguments filled in (a missing one stays visible as `{name}`). */
export function importReasonText(
  code: ImportReasonCode,
  args: ImportReasonArgs,
  language: ImportReasonLanguage = 'en',
): string {
  return fillSentence(IMPORT_REASONS[code][language], args);
}

/**
 * A stored problem's reason in a language: its code's sentence, or the English sentence it was
 * stored with when it has no code (problems recorded before codes were kept). The server's
 * report and the web page's table both read reasons through this.
 */
export function importIssueReason(
  issue: { reason: string; reasonCode: string | null; reasonArgs: ImportReasonArgs },
  language: ImportReasonLanguage,
): string {
  return issue.reasonCode !== null && isImportReasonCode(issue.reasonCode)
    ? importReasonText(issue.reasonCode, issue.reasonArgs, language)
    : issue.reason;
}
