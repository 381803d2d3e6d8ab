import {
  fillSentence,
  type SentenceArgs,
  type SentenceLanguage,
  type Sentences,
} from '../platform/sentences';

/**
 * Why the registry refused a request for a rule of its own (one head per household, a death
 * after the birth, someone else decides…): one code per rule, its sentence in English and in
 * Khmer. The server's error message is the English sentence; the error carries the code
 * (`registry.<code>`) and its arguments, so the web app says the rule in the reader's language.
 * Arguments are values as stored (references, dates, statuses, change kinds), the same in
 * every language.
 */
export const REGISTRY_REFUSALS = {
  one_head: { en: 'A household must have exactly one head.', km: 'គ្រួសារមួយត្រូវមានមេគ្រួសារតែមួយនាក់គត់។' },
  has_head: { en: 'The household has a head already.', km: 'គ្រួសារនេះមានមេគ្រួសាររួចហើយ។' },
  head_cannot_leave: {
    en: 'Name another head before removing the head.',
    km: 'សូមកំណត់មេគ្រួសារថ្មីជាមុនសិន មុននឹងដកមេគ្រួសារចេញ។',
  },
  head_cannot_move: {
    en: 'Name another head before moving the head.',
    km: 'សូមកំណត់មេគ្រួសារថ្មីជាមុនសិន មុននឹងផ្លាស់មេគ្រួសារចេញ។',
  },
  head_stays: {
    en: 'The head stays; name another head first.',
    km: 'មេគ្រួសារនៅដដែល៖ សូមកំណត់មេគ្រួសារថ្មីជាមុនសិន។',
  },
  new_head_must_leave: {
    en: 'The new head must be one of the members who leave.',
    km: 'មេគ្រួសារថ្មីត្រូវតែជាសមាជិកម្នាក់ក្នុងចំណោមអ្នកដែលចាកចេញ។',
  },
  new_head_has_no_relation: {
    en: 'The new head becomes the head: give relations for the others only.',
    km: 'មេគ្រួសារថ្មីនឹងក្លាយជាមេគ្រួសារ៖ សូមបញ្ជាក់ទំនាក់ទំនងសម្រាប់សមាជិកផ្សេងទៀតប៉ុណ្ណោះ។',
  },
  not_a_mover: {
    en: 'This member is not among those who move.',
    km: 'សមាជិកនេះមិនស្ថិតក្នុងចំណោមអ្នកដែលផ្លាស់ទីទេ។',
  },
  relations_needed: {
    en: 'Say how each member who moves is related to the head of the household they join: {refs}.',
    km: 'សូមបញ្ជាក់ទំនាក់ទំនងរវាងសមាជិកនីមួយៗដែលផ្លាស់ទី និងមេគ្រួសារដែលពួកគេចូលរួម៖ {refs}។',
  },
  relation_needed: {
    en: 'say how {ref} is related to the new head',
    km: 'សូមបញ្ជាក់ទំនាក់ទំនងរវាង {ref} និងមេគ្រួសារថ្មី',
  },
  death_in_future: { en: 'The date of death is in the future.', km: 'ថ្ងៃស្លាប់ស្ថិតនៅថ្ងៃអនាគត។' },
  death_before_birth: {
    en: 'The date of death is before the birth.',
    km: 'ថ្ងៃស្លាប់ស្ថិតនៅមុនថ្ងៃកំណើត។',
  },
  impossible_date: { en: 'Impossible date: {value}.', km: 'កាលបរិច្ឆេទ {value} មិនអាចមានពិតទេ។' },
  future_birth_date: {
    en: 'Birth date {value} is in the future.',
    km: 'ថ្ងៃខែឆ្នាំកំណើត {value} ស្ថិតនៅថ្ងៃអនាគត។',
  },
  not_a_date: { en: 'Not a date: {value}.', km: '{value} មិនមែនជាកាលបរិច្ឆេទទេ។' },
  pregnant_woman_only: {
    en: 'Only a woman can be recorded as pregnant.',
    km: 'មានតែស្ត្រីប៉ុណ្ណោះដែលអាចកត់ត្រាថាមានផ្ទៃពោះ។',
  },
  member_to_correct: { en: 'Say which member to correct.', km: 'សូមបញ្ជាក់សមាជិកដែលត្រូវកែ។' },
  not_correctable: { en: '{field} cannot be corrected this way.', km: 'មិនអាចកែ {field} តាមរបៀបនេះបានទេ។' },
  member_not_active: { en: 'Member {ref} is {status}.', km: 'សមាជិក {ref} លែងសកម្មហើយ ({status})។' },
  household_not_active: { en: 'Household {ref} is {status}.', km: 'គ្រួសារ {ref} លែងសកម្មហើយ ({status})។' },
  household_ref_taken: {
    en: 'Household reference {ref} is taken.',
    km: 'លេខយោងគ្រួសារ {ref} មានគេប្រើរួចហើយ។',
  },
  self_merge: {
    en: 'A household cannot merge with itself.',
    km: 'គ្រួសារមួយមិនអាចបញ្ចូលជាមួយខ្លួនឯងបានទេ។',
  },
  unknown_identifier_type: { en: 'Unknown identifier type {type}.', km: 'មិនស្គាល់ប្រភេទអត្តសញ្ញាណ {type} ទេ។' },
  identifier_of_member: {
    en: 'A {type} belongs to a member.',
    km: '{type} ត្រូវភ្ជាប់ជាមួយសមាជិក មិនមែនជាមួយគ្រួសារទេ។',
  },
  identifier_of_household: {
    en: 'A {type} belongs to the household.',
    km: '{type} ត្រូវភ្ជាប់ជាមួយគ្រួសារ មិនមែនជាមួយសមាជិកទេ។',
  },
  bad_identifier: {
    en: 'Not a valid {label_en} (example: {example}).',
    km: '{label_km} មិនត្រឹមត្រូវ (ឧទាហរណ៍៖ {example})។',
  },
  no_approval_rule: {
    en: 'No approval rule is in force for {kind}.',
    km: 'មិនមានវិធានអនុម័តណាមួយកំពុងអនុវត្តសម្រាប់ {kind} ទេ។',
  },
  request_decided: {
    en: 'This request is {status} already.',
    km: 'សំណើនេះត្រូវបានសម្រេចរួចហើយ ({status})។',
  },
  level_not_yours: {
    en: 'This request awaits the {level} level, which your role does not decide.',
    km: 'សំណើនេះកំពុងរង់ចាំការសម្រេចនៅថ្នាក់ {level} ដែលតួនាទីរបស់អ្នកមិនមានសិទ្ធិសម្រេច។',
  },
  own_request: {
    en: 'You proposed this change: someone else must decide it.',
    km: 'អ្នកជាអ្នកស្នើការផ្លាស់ប្ដូរនេះ៖ ត្រូវឱ្យអ្នកផ្សេងជាអ្នកសម្រេច។',
  },
  decided_earlier_level: {
    en: 'You decided an earlier level of this request: someone else must decide this one.',
    km: 'អ្នកបានសម្រេចថ្នាក់មុននៃសំណើនេះរួចហើយ៖ ត្រូវឱ្យអ្នកផ្សេងសម្រេចថ្នាក់នេះ។',
  },
  say_why_rejected: {
    en: 'Say why the change is rejected.',
    km: 'សូមបញ្ជាក់មូលហេតុដែលបដិសេធការផ្លាស់ប្ដូរនេះ។',
  },
  candidate_decided: { en: 'This candidate is {status}.', km: 'គូស្ទួននេះត្រូវបានសម្រេចរួចហើយ ({status})។' },
  changed_after_merge: {
    en: 'Member {ref} changed after the merge; undo those changes first.',
    km: 'សមាជិក {ref} ត្រូវបានកែប្រែក្រោយពេលបញ្ចូលគ្នា៖ សូមលុបចោលការកែប្រែទាំងនោះជាមុនសិន។',
  },
  search_needs_criterion: {
    en: 'Give a name, an identifier, a phone number or an area to search.',
    km: 'សូមបញ្ចូលឈ្មោះ អត្តសញ្ញាណ លេខទូរស័ព្ទ ឬតំបន់ ដើម្បីស្វែងរក។',
  },
  household_not_yet: {
    en: 'The household did not exist on {date}.',
    km: 'គ្រួសារនេះមិនទាន់មាននៅថ្ងៃ {date} នៅឡើយទេ។',
  },
  rule_in_past: {
    en: 'A new rule cannot start in the past.',
    km: 'វិធានថ្មីមិនអាចចាប់ផ្ដើមនៅថ្ងៃដែលកន្លងផុតទៅហើយបានទេ។',
  },
  rule_date_taken: {
    en: 'A rule for {kind} already starts on {date}: choose another date.',
    km: 'មានវិធានសម្រាប់ {kind} ចាប់ផ្ដើមនៅថ្ងៃ {date} រួចហើយ៖ សូមជ្រើសរើសថ្ងៃផ្សេង។',
  },
  // A schema's own checks (contracts' registry schemas give these English sentences as their
  // messages; the server tells them by their text, see catalogues.ts). No final stop: they are
  // said after a field's name.
  khmer_script: { en: 'Write this name in Khmer script', km: 'សូមសរសេរឈ្មោះនេះជាអក្សរខ្មែរ' },
  latin_letters: { en: 'Write this name in Latin letters', km: 'សូមសរសេរឈ្មោះនេះជាអក្សរឡាតាំង' },
  partial_date_format: {
    en: 'Use YYYY-MM-DD, YYYY-MM or YYYY',
    km: 'សូមប្រើទម្រង់ YYYY-MM-DD, YYYY-MM ឬ YYYY',
  },
  date_format: { en: 'Use YYYY-MM-DD', km: 'សូមប្រើទម្រង់ YYYY-MM-DD' },
  date_or_timestamp_format: {
    en: 'Use YYYY-MM-DD or an ISO timestamp',
    km: 'សូមប្រើទម្រង់ YYYY-MM-DD ឬពេលវេលាតាមស្តង់ដារ ISO',
  },
  reference_format: {
    en: 'Letters, digits and . _ / - only (at most 64)',
    km: 'អក្សរឡាតាំង លេខ និង . _ / - ប៉ុណ្ណោះ (យ៉ាងច្រើន ៦៤ តួ)',
  },
  cambodian_phone: {
    en: 'A Cambodian phone number: 0 and 8 or 9 digits, or +855',
    km: 'លេខទូរស័ព្ទកម្ពុជា៖ 0 បន្ទាប់មកលេខ ៨ ឬ ៩ ខ្ទង់ ឬ +855',
  },
  levels_upwards: {
    en: 'Levels go upwards (commune, then province, then national), each once',
    km: 'ថ្នាក់ត្រូវរៀបពីក្រោមឡើងលើ (ឃុំ បន្ទាប់មកខេត្ត បន្ទាប់មកថ្នាក់ជាតិ) ម្ដងមួយៗ',
  },
  upload_files: {
    en: 'Send householdsCsv and membersCsv, or xlsxBase64',
    km: 'សូមផ្ញើ householdsCsv និង membersCsv ឬ xlsxBase64',
  },
  national_id_digits: {
    en: 'A national ID has 9 or 10 digits',
    km: 'លេខអត្តសញ្ញាណប័ណ្ណមាន ៩ ឬ ១០ ខ្ទង់',
  },
} as const satisfies Record<string, Sentences>;

export type RegistryRefusalCode = keyof typeof REGISTRY_REFUSALS;

/** A refusal's sentence in a language, its arguments filled in. */
export function registryRefusalText(
  code: RegistryRefusalCode,
  args: SentenceArgs = {},
  language: SentenceLanguage = 'en',
): string {
  return fillSentence(REGISTRY_REFUSALS[code][language], args);
}
