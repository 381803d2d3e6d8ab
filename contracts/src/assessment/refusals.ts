import type { Sentences } from '../platform/sentences';

/**
 * Why an IDPoor assessment step was refused (a list not at the step, an objection period
 * still running, a card not active…) and what is wrong with an interview's answers: one code
 * per rule, English and Khmer, as the registry's REGISTRY_REFUSALS. The server's message is
 * the English sentence; the error carries `assessment.<code>` and its arguments, so the web
 * app says it in the reader's language. Arguments are values as stored.
 */
export const ASSESSMENT_REFUSALS = {
  list_not_at_step: {
    en: 'List {id} is {status}; this step needs it {needed}.',
    km: 'បញ្ជី {id} ស្ថិតក្នុងស្ថានភាព {status}៖ ជំហាននេះតម្រូវឱ្យបញ្ជីស្ថិតក្នុងស្ថានភាព {needed}។',
  },
  round_not_in_village: {
    en: 'Round {round} does not cover village {village}.',
    km: 'ជុំទី {round} មិនគ្របដណ្ដប់ភូមិ {village} ទេ។',
  },
  village_has_list: {
    en: 'Village {village} has a list for this round already.',
    km: 'ភូមិ {village} មានបញ្ជីសម្រាប់ជុំនេះរួចហើយ។',
  },
  village_has_open_list: {
    en: 'Village {village} has an on-demand list not yet published.',
    km: 'ភូមិ {village} មានបញ្ជីតាមសំណើដែលមិនទាន់បានផ្សព្វផ្សាយនៅឡើយ។',
  },
  nothing_to_list: {
    en: 'No scored assessment in village {village} to list.',
    km: 'មិនមានការវាយតម្លៃដែលបានគណនាពិន្ទុនៅភូមិ {village} សម្រាប់ដាក់ក្នុងបញ្ជីទេ។',
  },
  objection_period_past: {
    en: 'The objection period cannot end in the past.',
    km: 'រយៈពេលជំទាស់មិនអាចបញ្ចប់នៅថ្ងៃដែលកន្លងផុតទៅហើយបានទេ។',
  },
  objection_period_ended: {
    en: 'The objection period ended on {date}.',
    km: 'រយៈពេលជំទាស់បានបញ្ចប់នៅថ្ងៃ {date}។',
  },
  household_not_on_list: {
    en: 'The household is not on this list.',
    km: 'គ្រួសារនេះមិនមាននៅក្នុងបញ្ជីនេះទេ។',
  },
  objection_decided: {
    en: 'Objection {id} is already {status}.',
    km: 'ការជំទាស់ {id} ត្រូវបានសម្រេចរួចហើយ ({status})។',
  },
  objection_period_runs: {
    en: 'The objection period runs until {date}; approve from that day.',
    km: 'រយៈពេលជំទាស់បន្តរហូតដល់ថ្ងៃ {date}៖ សូមអនុម័តចាប់ពីថ្ងៃនោះ។',
  },
  objections_open: {
    en: '{count} objection(s) are not decided yet.',
    km: 'ការជំទាស់ចំនួន {count} មិនទាន់បានសម្រេចនៅឡើយទេ។',
  },
  card_not_active: { en: 'Card {card} is {status}.', km: 'ប័ណ្ណ {card} លែងសកម្មហើយ ({status})។' },
  household_warned: {
    en: 'The household has been warned already.',
    km: 'គ្រួសារនេះត្រូវបានព្រមានរួចហើយ។',
  },
  warn_before_revoking: {
    en: 'Warn the household before revoking its card.',
    km: 'សូមព្រមានគ្រួសារជាមុនសិន មុននឹងដកហូតប័ណ្ណរបស់គ្រួសារ។',
  },
  warning_period_runs: {
    en: 'The warning period runs until {date}.',
    km: 'រយៈពេលព្រមានបន្តរហូតដល់ថ្ងៃ {date}។',
  },
  questionnaire_exists: {
    en: 'Questionnaire {code} exists with other content; load it under a new code.',
    km: 'កម្រងសំណួរ {code} មានរួចហើយ ដោយខ្លឹមសារផ្សេង៖ សូមផ្ទុកវាក្រោមលេខកូដថ្មី។',
  },
  model_exists: {
    en: 'Scoring model {code} exists with other content; load it under a new code.',
    km: 'គំរូគណនាពិន្ទុ {code} មានរួចហើយ ដោយខ្លឹមសារផ្សេង៖ សូមផ្ទុកវាក្រោមលេខកូដថ្មី។',
  },
  model_without_questionnaire: {
    en: 'The scoring model names no loaded questionnaire.',
    km: 'គំរូគណនាពិន្ទុនេះមិនសំដៅលើកម្រងសំណួរណាមួយដែលបានផ្ទុកទេ។',
  },
  no_model_for_setting: {
    en: 'No scoring model is loaded for {setting} areas.',
    km: 'មិនទាន់មានគំរូគណនាពិន្ទុសម្រាប់តំបន់{setting}ទេ។',
  },
  questionnaire_invalid: { en: 'The questionnaire is not valid.', km: 'កម្រងសំណួរនេះមិនត្រឹមត្រូវទេ។' },
  model_invalid: { en: 'The scoring model is not valid.', km: 'គំរូគណនាពិន្ទុនេះមិនត្រឹមត្រូវទេ។' },
  round_ends_before_start: {
    en: 'The round ends before it starts.',
    km: 'ជុំនេះបញ្ចប់មុនថ្ងៃចាប់ផ្ដើម។',
  },
  model_wrong_setting: {
    en: 'Model {code} is for {setting} areas.',
    km: 'គំរូ {code} សម្រាប់តំបន់{setting}។',
  },
  unknown_villages: {
    en: 'Some villages are not in the gazetteer.',
    km: 'ភូមិខ្លះមិនមាននៅក្នុងបញ្ជីរដ្ឋបាលភូមិសាស្ត្រទេ។',
  },
  interview_outside_round: {
    en: 'The interview date is outside the round.',
    km: 'ថ្ងៃសម្ភាសន៍ស្ថិតនៅក្រៅរយៈពេលនៃជុំ។',
  },
  request_not_open: { en: 'Request {id} is {status}.', km: 'សំណើ {id} លែងបើកហើយ ({status})។' },
  village_model_setting: {
    en: 'Village {village} is {setting}; model {code} is {model_setting}.',
    km: 'ភូមិ {village} ជាតំបន់{setting}៖ គំរូ {code} សម្រាប់តំបន់{model_setting}។',
  },
  // An interview's answers (each on its question's field).
  answers_invalid: {
    en: 'Some answers are missing or not valid.',
    km: 'ចម្លើយខ្លះនៅខ្វះ ឬមិនត្រឹមត្រូវ។',
  },
  not_a_question: {
    en: 'Not a question of this questionnaire',
    km: 'មិនមែនជាសំណួររបស់កម្រងសំណួរនេះទេ',
  },
  answer_needed: { en: 'Answer this question', km: 'សូមឆ្លើយសំណួរនេះ' },
  choose_one: { en: 'Choose one of: {options}', km: 'សូមជ្រើសរើសមួយក្នុងចំណោម៖ {options}' },
  choose_any: { en: 'Choose any of: {options}', km: 'សូមជ្រើសរើសពីក្នុងចំណោម៖ {options}' },
  option_twice: { en: 'An option is chosen twice', km: 'ជម្រើសមួយត្រូវបានជ្រើសរើសពីរដង' },
  number_in_range: {
    en: 'Give a number from {min} to {max}',
    km: 'សូមបញ្ចូលលេខពី {min} ដល់ {max}',
  },
  whole_number: { en: 'Give a whole number', km: 'សូមបញ្ចូលចំនួនគត់' },
  yes_or_no: { en: 'Answer yes or no', km: 'សូមឆ្លើយ បាទ/ចាស ឬ ទេ' },
} as const satisfies Record<string, Sentences>;

export type AssessmentRefusalCode = keyof typeof ASSESSMENT_REFUSALS;
