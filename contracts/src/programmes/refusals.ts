import type { Sentences } from '../platform/sentences';

/**
 * Why a programme, enrolment, cycle, payment or shock-response request was refused: one code
 * per rule, English and Khmer, as the registry's REGISTRY_REFUSALS. The server's message is the
 * English sentence; the error carries `programmes.<code>` and its arguments, so the web app
 * (whose programmes module holds the payment and shock screens) says it in the reader's
 * language. Arguments are values as stored.
 */
export const PROGRAMME_REFUSALS = {
  // Programmes and their versions.
  no_version_in_force: {
    en: 'The programme has no version in force.',
    km: 'កម្មវិធីនេះមិនមានកំណែណាមួយកំពុងអនុវត្តទេ។',
  },
  programme_code_taken: {
    en: 'A programme with code "{code}" exists.',
    km: 'មានកម្មវិធីដែលប្រើលេខកូដ "{code}" រួចហើយ។',
  },
  version_not_draft: {
    en: 'Version {version} is {status}, not a draft.',
    km: 'កំណែ {version} មានស្ថានភាព {status} មិនមែនជាសេចក្ដីព្រាងទេ។',
  },
  category_needed: {
    en: 'A per-member-in-category row needs a category code and rule.',
    km: 'ជួរសម្រាប់សមាជិកតាមប្រភេទ ត្រូវការលេខកូដប្រភេទ និងវិធាន។',
  },
  category_not_taken: {
    en: 'Only per-member-in-category rows take a category.',
    km: 'មានតែជួរសម្រាប់សមាជិកតាមប្រភេទប៉ុណ្ណោះ ដែលទទួលប្រភេទបាន។',
  },
  unknown_provider: {
    en: 'Unknown payment provider "{code}".',
    km: 'មិនស្គាល់អ្នកផ្ដល់សេវាទូទាត់ "{code}" ទេ។',
  },
  rule_invalid: { en: 'The rule is not valid: {problem}', km: 'វិធាននេះមិនត្រឹមត្រូវ៖ {problem}' },
  category_invalid: {
    en: 'The category is not valid: line {line}, column {column}: {problem}',
    km: 'ប្រភេទនេះមិនត្រឹមត្រូវ៖ បន្ទាត់ទី {line} ជួរឈរទី {column}៖ {problem}',
  },
  category_one_condition: {
    en: 'The category is not one member condition.',
    km: 'ប្រភេទនេះមិនមែនជាលក្ខខណ្ឌតែមួយលើសមាជិកទេ។',
  },
  // Enrolment.
  action_not_allowed: {
    en: 'Cannot {action} a household that is {from}.',
    km: 'មិនអាច{action}គ្រួសារដែលមានស្ថានភាព {from} បានទេ។',
  },
  action_needs_enrolment: {
    en: 'Cannot {action} a household that is not in the programme.',
    km: 'មិនអាច{action}គ្រួសារដែលមិនស្ថិតក្នុងកម្មវិធីបានទេ។',
  },
  household_not_active: {
    en: 'The household is {status} in the registry.',
    km: 'គ្រួសារនេះលែងសកម្មក្នុងបញ្ជីចុះឈ្មោះហើយ ({status})។',
  },
  shock_enrols_itself: {
    en: 'A shock response enrols its households when it is created, not by a rule run.',
    km: 'ការឆ្លើយតបនឹងវិបត្តិចុះឈ្មោះគ្រួសាររបស់ខ្លួននៅពេលបង្កើត មិនមែនដោយការដំណើរការវិធានទេ។',
  },
  // Cycles and payments.
  version_dates: {
    en: 'The version in force covers {from} to {until}, not {date}.',
    km: 'កំណែដែលកំពុងអនុវត្តគ្របដណ្ដប់ពីថ្ងៃ {from} ដល់ថ្ងៃ {until} មិនមែនថ្ងៃ {date} ទេ។',
  },
  version_dates_open: {
    en: 'The version in force covers {from} to open, not {date}.',
    km: 'កំណែដែលកំពុងអនុវត្តគ្របដណ្ដប់ចាប់ពីថ្ងៃ {from} តទៅ មិនមែនថ្ងៃ {date} ទេ។',
  },
  cycle_exists: {
    en: 'A cycle for {period} already exists.',
    km: 'វដ្តសម្រាប់ {period} មានរួចហើយ។',
  },
  cycle_not_approved: {
    en: 'The cycle is {status}; only an approved cycle is paid.',
    km: 'វដ្តនេះមានស្ថានភាព {status}៖ មានតែវដ្តដែលបានអនុម័តប៉ុណ្ណោះដែលត្រូវបើកប្រាក់។',
  },
  batch_file_changed: {
    en: 'This batch no longer produces the file first exported; nothing was sent.',
    km: 'បាច់នេះលែងបង្កើតឯកសារដូចលើកដំបូងដែលបាននាំចេញហើយ៖ គ្មានអ្វីត្រូវបានផ្ញើទេ។',
  },
  result_header: {
    en: 'A result file starts with the header payment_ref,status,provider_txn_id,reason.',
    km: 'ឯកសារលទ្ធផលត្រូវចាប់ផ្ដើមដោយក្បាលជួរ payment_ref,status,provider_txn_id,reason។',
  },
  // Shock responses.
  event_ends_before_start: {
    en: 'The event ends before it starts.',
    km: 'ព្រឹត្តិការណ៍នេះបញ្ចប់មុនថ្ងៃចាប់ផ្ដើម។',
  },
  unknown_areas: { en: 'Unknown area codes: {codes}.', km: 'មិនស្គាល់លេខកូដតំបន់៖ {codes}។' },
  unknown_programme: { en: 'Unknown programme "{code}".', km: 'មិនស្គាល់កម្មវិធី "{code}" ទេ។' },
  vertical_sources: {
    en: 'A vertical response tops up chosen programmes; a horizontal one takes none.',
    km: 'ការឆ្លើយតបបញ្ឈរបន្ថែមលើកម្មវិធីដែលបានជ្រើសរើស៖ ការឆ្លើយតបផ្ដេកមិនយកកម្មវិធីណាមួយទេ។',
  },
} as const satisfies Record<string, Sentences>;

export type ProgrammeRefusalCode = keyof typeof PROGRAMME_REFUSALS;
