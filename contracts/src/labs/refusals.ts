import type { Sentences } from '../platform/sentences';

/**
 * Why a labs request was refused: one code per rule, English and Khmer, as the registry's
 * REGISTRY_REFUSALS. The server's message is the English sentence; the error carries
 * `labs.<code>` and its arguments, so the web app says it in the reader's language.
 * Arguments are values as stored (lab codes, item ids, NC numbers, statuses, stages).
 */
export const LABS_REFUSALS = {
  // A request's own checks (the schemas' messages, told by sentenceCodeOf).
  lab_code_format: {
    en: 'a lab code looks like LAB-01',
    km: 'លេខកូដមន្ទីរពិសោធន៍មានទម្រង់ដូចជា LAB-01',
  },
  province_code_format: { en: 'a province code has 2 digits', km: 'លេខកូដខេត្តមានលេខ ២ ខ្ទង់' },
  scheme_code_format: {
    en: 'a scheme code looks like WHO-AFRO-HAEM',
    km: 'លេខកូដកម្មវិធីមានទម្រង់ដូចជា WHO-AFRO-HAEM',
  },
  document_code_format: {
    en: 'a document id looks like SOP-HAEM-001',
    km: 'លេខសម្គាល់ឯកសារមានទម្រង់ដូចជា SOP-HAEM-001',
  },
  say_why: { en: 'Say why (at least 5 characters)', km: 'សូមបញ្ជាក់មូលហេតុ (យ៉ាងហោចណាស់ ៥ តួអក្សរ)' },
  few_words: { en: 'Write at least a few words', km: 'សូមសរសេរយ៉ាងហោចណាស់ពីរបីពាក្យ' },
  evidence_limit: { en: 'evidence files are limited to 5 MB', km: 'ឯកសារភស្តុតាងមានទំហំមិនលើសពី 5 MB' },
  // The network and its checklists.
  lab_exists: { en: 'Lab {code} exists already.', km: 'មន្ទីរពិសោធន៍ {code} មានរួចហើយ។' },
  checklist_version_loaded: {
    en: '{checklist} version "{version}" is already loaded from a different file; loaded versions never change — give the new file its own version',
    km: '{checklist} កំណែ "{version}" ត្រូវបានផ្ទុករួចហើយពីឯកសារផ្សេង៖ កំណែដែលបានផ្ទុកមិនផ្លាស់ប្តូរឡើយ — សូមដាក់កំណែផ្ទាល់ខ្លួនឱ្យឯកសារថ្មី',
  },
  checklist_malformed: {
    en: 'The checklist file is malformed; nothing was loaded.',
    km: 'ឯកសារបញ្ជីត្រួតពិនិត្យមានទម្រង់មិនត្រឹមត្រូវ៖ មិនបានផ្ទុកអ្វីទាំងអស់។',
  },
  checklist_inconsistent: {
    en: 'The checklist file has {count} inconsistencies; nothing was loaded. Accept them to load it as it is.',
    km: 'ឯកសារបញ្ជីត្រួតពិនិត្យមានភាពមិនស៊ីសង្វាក់ចំនួន {count}៖ មិនបានផ្ទុកអ្វីទាំងអស់។ សូមទទួលយកភាពមិនស៊ីសង្វាក់ទាំងនោះ ដើម្បីផ្ទុកឯកសារតាមដែលវាមាន។',
  },
  // Who conducts, approves and publishes an audit.
  auditor_own_lab: {
    en: 'An auditor may not audit their own lab.',
    km: 'សវនករមិនអាចធ្វើសវនកម្មលើមន្ទីរពិសោធន៍របស់ខ្លួនបានទេ។',
  },
  peer_needs_auditing_lab: {
    en: 'A peer audit needs the auditing lab.',
    km: 'សវនកម្មដោយមិត្តភក្តិត្រូវការមន្ទីរពិសោធន៍ដែលធ្វើសវនកម្ម។',
  },
  peer_by_own_lab: {
    en: 'Lab staff may only start peer audits conducted by their own lab.',
    km: 'បុគ្គលិកមន្ទីរពិសោធន៍អាចចាប់ផ្តើមតែសវនកម្មដោយមិត្តភក្តិ ដែលធ្វើដោយមន្ទីរពិសោធន៍របស់ខ្លួនប៉ុណ្ណោះ។',
  },
  peer_by_other_lab: {
    en: 'A peer audit is conducted by another lab of the network.',
    km: 'សវនកម្មដោយមិត្តភក្តិត្រូវធ្វើដោយមន្ទីរពិសោធន៍ផ្សេងទៀតក្នុងបណ្តាញ។',
  },
  external_by_bureau: {
    en: 'External audits are registered by the Bureau.',
    km: 'សវនកម្មខាងក្រៅត្រូវបានចុះបញ្ជីដោយការិយាល័យ។',
  },
  auditing_team_only: {
    en: 'Only the auditing team or the Bureau may change this audit.',
    km: 'មានតែក្រុមសវនកម្ម ឬការិយាល័យប៉ុណ្ណោះ ដែលអាចកែប្រែសវនកម្មនេះបាន។',
  },
  bureau_reviews: {
    en: 'Only the Bureau of Medical Laboratory Services approves and publishes audits.',
    km: 'មានតែការិយាល័យសេវាមន្ទីរពិសោធន៍វេជ្ជសាស្ត្រប៉ុណ្ណោះ ដែលអនុម័ត និងផ្សព្វផ្សាយសវនកម្ម។',
  },
  lead_auditor_own_audit: {
    en: 'The lead auditor may not approve their own audit.',
    km: 'ប្រធានក្រុមសវនករមិនអាចអនុម័តសវនកម្មរបស់ខ្លួនបានទេ។',
  },
  // An audit's steps, answers and evidence.
  audit_step_not_possible: {
    en: 'The audit is {status}: "{step}" is not possible now.',
    km: 'សវនកម្មស្ថិតក្នុងស្ថានភាព {status}៖ មិនអាច "{step}" បាននៅពេលនេះទេ។',
  },
  reopen_reason: {
    en: 'Say why the audit is reopened.',
    km: 'សូមបញ្ជាក់មូលហេតុនៃការបើកសវនកម្មឡើងវិញ។',
  },
  items_not_answered: {
    en: '{count} item(s) are not answered yet (first: {first}).',
    km: 'ចំណុចចំនួន {count} មិនទាន់បានឆ្លើយនៅឡើយទេ (ចំណុចដំបូង៖ {first})។',
  },
  item_not_answered: { en: 'is not answered', km: 'មិនទាន់បានឆ្លើយ' },
  evidence_audit_not_draft: {
    en: 'The audit is {status}; reopen it to add evidence.',
    km: 'សវនកម្មស្ថិតក្នុងស្ថានភាព {status}៖ សូមបើកសវនកម្មឡើងវិញ ដើម្បីបន្ថែមភស្តុតាង។',
  },
  unknown_item: { en: 'Unknown item {item}.', km: 'មិនស្គាល់ចំណុច {item} ទេ។' },
  evidence_size: {
    en: 'Evidence files must be between 1 byte and 5 MB.',
    km: 'ឯកសារភស្តុតាងត្រូវមានទំហំចន្លោះពី 1 byte ដល់ 5 MB។',
  },
  // Nonconformities and their corrective actions.
  nc_own_lab_only: {
    en: "Only the lab's own staff or the Bureau may change this nonconformity.",
    km: 'មានតែបុគ្គលិករបស់មន្ទីរពិសោធន៍ផ្ទាល់ ឬការិយាល័យប៉ុណ្ណោះ ដែលអាចកែប្រែភាពមិនអនុលោមនេះបាន។',
  },
  nc_closed: { en: '{number} is closed.', km: '{number} ត្រូវបានបិទហើយ។' },
  root_cause_first: {
    en: 'Record the root cause of {number} before planning actions.',
    km: 'សូមកត់ត្រាឫសគល់នៃ {number} ជាមុនសិន មុននឹងរៀបចំផែនការសកម្មភាព។',
  },
  action_done: { en: 'This action is done already.', km: 'សកម្មភាពនេះបានធ្វើរួចហើយ។' },
  effectiveness_checkers: {
    en: "The lab's quality manager or the Bureau checks effectiveness.",
    km: 'អ្នកគ្រប់គ្រងគុណភាពរបស់មន្ទីរពិសោធន៍ ឬការិយាល័យ ជាអ្នកពិនិត្យប្រសិទ្ធភាព។',
  },
  nc_not_at_verification: {
    en: '{number} is at "{stage}": every action must be done before the effectiveness check.',
    km: '{number} ស្ថិតនៅដំណាក់កាល "{stage}"៖ សកម្មភាពទាំងអស់ត្រូវតែបានធ្វើរួច មុនការពិនិត្យប្រសិទ្ធភាព។',
  },
  audit_nc_from_finding: {
    en: 'Raise audit nonconformities from the audit finding.',
    km: 'សូមបើកភាពមិនអនុលោមនៃសវនកម្ម ពីការរកឃើញរបស់សវនកម្មនោះ។',
  },
  item_not_finding: {
    en: 'Item {item} is not a finding (answered {answer}); only No and Partial open a nonconformity.',
    km: 'ចំណុច {item} មិនមែនជាការរកឃើញទេ (ចម្លើយ៖ {answer})៖ មានតែចម្លើយ "ទេ" និង "ដោយផ្នែក" ប៉ុណ្ណោះ ដែលបើកភាពមិនអនុលោម។',
  },
  item_unanswered_not_finding: {
    en: 'Item {item} is not a finding (answered nothing); only No and Partial open a nonconformity.',
    km: 'ចំណុច {item} មិនមែនជាការរកឃើញទេ (មិនទាន់បានឆ្លើយ)៖ មានតែចម្លើយ "ទេ" និង "ដោយផ្នែក" ប៉ុណ្ណោះ ដែលបើកភាពមិនអនុលោម។',
  },
  // The quality system: EQA, documents, equipment, personnel.
  eqa_by_bureau: { en: 'The Bureau registers EQA schemes.', km: 'ការិយាល័យជាអ្នកចុះបញ្ជីកម្មវិធី EQA។' },
  scheme_exists: { en: 'Scheme {code} exists already.', km: 'កម្មវិធី {code} មានរួចហើយ។' },
  eqa_round_exists: {
    en: 'Round {round} is registered for {lab} already.',
    km: 'ជុំ {round} ត្រូវបានចុះបញ្ជីសម្រាប់ {lab} រួចហើយ។',
  },
  eqa_round_scored: { en: 'This round is scored already.', km: 'ជុំនេះត្រូវបានដាក់ពិន្ទុរួចហើយ។' },
  document_exists: {
    en: 'Document {code} exists in {lab} already; add a version instead.',
    km: 'ឯកសារ {code} មាននៅក្នុង {lab} រួចហើយ៖ សូមបន្ថែមកំណែថ្មីជំនួសវិញ។',
  },
  version_exists: {
    en: 'Version {version} of {code} exists already.',
    km: 'កំណែ {version} នៃ {code} មានរួចហើយ។',
  },
  no_current_version: { en: '{code} has no current version.', km: '{code} មិនមានកំណែបច្ចុប្បន្នទេ។' },
  person_signs: {
    en: 'Only a person can read and sign.',
    km: 'មានតែមនុស្សប៉ុណ្ណោះ ដែលអាចអាន និងចុះហត្ថលេខាបាន។',
  },
  asset_exists: {
    en: 'Asset {code} is registered in {lab} already.',
    km: 'ទ្រព្យ {code} ត្រូវបានចុះបញ្ជីក្នុង {lab} រួចហើយ។',
  },
  competence_outcome: {
    en: 'A competence assessment needs an outcome; other records have none.',
    km: 'ការវាយតម្លៃសមត្ថភាពត្រូវការលទ្ធផល៖ កំណត់ត្រាផ្សេងទៀតមិនមានលទ្ធផលទេ។',
  },
  competence_before_authorising: {
    en: '{name} has no competent assessment for {subject}; assess competence before authorising.',
    km: '{name} មិនទាន់មានការវាយតម្លៃថា មានសមត្ថភាព សម្រាប់ {subject} ទេ៖ សូមវាយតម្លៃសមត្ថភាពជាមុនសិន មុននឹងផ្តល់ការអនុញ្ញាត។',
  },
} as const satisfies Record<string, Sentences>;

export type LabsRefusalCode = keyof typeof LABS_REFUSALS;
