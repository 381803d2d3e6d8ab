/**
 * The demo lab network: twelve national and provincial referral-hospital laboratories of
 * Cambodia (real hospitals; every figure attached to them in the demo is synthetic).
 */
export const DEMO_LABS = [
  {
    code: 'LAB-01',
    kind: 'national',
    province: '12',
    en: 'Calmette Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យកាល់ម៉ែត',
  },
  {
    code: 'LAB-02',
    kind: 'national',
    province: '12',
    en: 'Khmer-Soviet Friendship Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យមិត្តភាពខ្មែរ-សូវៀត',
  },
  {
    code: 'LAB-03',
    kind: 'national',
    province: '12',
    en: 'Preah Kossamak Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យព្រះកុសុមៈ',
  },
  {
    code: 'LAB-04',
    kind: 'provincial',
    province: '02',
    en: 'Battambang Provincial Referral Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យបង្អែកខេត្តបាត់ដំបង',
  },
  {
    code: 'LAB-05',
    kind: 'provincial',
    province: '17',
    en: 'Siem Reap Provincial Referral Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យបង្អែកខេត្តសៀមរាប',
  },
  {
    code: 'LAB-06',
    kind: 'provincial',
    province: '03',
    en: 'Kampong Cham Provincial Referral Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យបង្អែកខេត្តកំពង់ចាម',
  },
  {
    code: 'LAB-07',
    kind: 'provincial',
    province: '21',
    en: 'Takeo Provincial Referral Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យបង្អែកខេត្តតាកែវ',
  },
  {
    code: 'LAB-08',
    kind: 'provincial',
    province: '07',
    en: 'Kampot Provincial Referral Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យបង្អែកខេត្តកំពត',
  },
  {
    code: 'LAB-09',
    kind: 'provincial',
    province: '18',
    en: 'Preah Sihanouk Provincial Referral Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យបង្អែកខេត្តព្រះសីហនុ',
  },
  {
    code: 'LAB-10',
    kind: 'provincial',
    province: '20',
    en: 'Svay Rieng Provincial Referral Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យបង្អែកខេត្តស្វាយរៀង',
  },
  {
    code: 'LAB-11',
    kind: 'provincial',
    province: '10',
    en: 'Kratie Provincial Referral Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យបង្អែកខេត្តក្រចេះ',
  },
  {
    code: 'LAB-12',
    kind: 'provincial',
    province: '01',
    en: 'Banteay Meanchey Provincial Referral Hospital Laboratory',
    km: 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យបង្អែកខេត្តបន្ទាយមានជ័យ',
  },
] as const;

/** Quarterly audits over the demo year: internal, peer, internal, peer (by the next lab in the list). */
export const DEMO_AUDIT_ROUNDS = [
  { date: '2025-12-10', kind: 'internal' },
  { date: '2026-03-12', kind: 'peer' },
  { date: '2026-06-11', kind: 'internal' },
  { date: '2026-09-10', kind: 'peer' },
] as const;

export const DEMO_EQA_SCHEMES = [
  {
    code: 'NPHL-HAEM',
    name: 'Haematology proficiency testing',
    provider: 'National Public Health Laboratory',
    discipline: 'Haematology',
  },
  {
    code: 'NPHL-MICRO',
    name: 'Microbiology (Gram stain, AFB) proficiency testing',
    provider: 'National Public Health Laboratory',
    discipline: 'Microbiology',
  },
] as const;

export const DEMO_EQA_ROUNDS = [
  { label: '2026-1', dueOn: '2026-02-28', scoredOn: '2026-03-20' },
  { label: '2026-2', dueOn: '2026-06-30', scoredOn: '2026-07-20' },
  { label: '2026-3', dueOn: '2026-10-31', scoredOn: '2026-11-10' },
] as const;

export const DEMO_EQUIPMENT = [
  {
    asset: 'HAEM-01',
    name: 'Haematology analyser (5-part)',
    category: 'Analyser',
    maintenance: 90,
    calibration: 180,
  },
  {
    asset: 'CHEM-01',
    name: 'Clinical chemistry analyser',
    category: 'Analyser',
    maintenance: 90,
    calibration: 180,
  },
  {
    asset: 'BSC-01',
    name: 'Class II biosafety cabinet',
    category: 'Safety',
    maintenance: 180,
    calibration: 365,
  },
  { asset: 'CENT-01', name: 'Bench centrifuge', category: 'General', maintenance: 180, calibration: 365 },
] as const;

export const DEMO_DOCUMENTS = [
  { code: 'QM-001', title: 'Laboratory quality manual', kind: 'manual', months: 24 },
  { code: 'SOP-HAEM-001', title: 'Full blood count on the haematology analyser', kind: 'sop', months: 24 },
  {
    code: 'SOP-QC-001',
    title: 'Internal quality control and Levey-Jennings review',
    kind: 'sop',
    months: 12,
  },
] as const;

export const DEMO_STAFF = [
  { name: 'Sok Dara', position: 'Laboratory manager' },
  { name: 'Chan Sophea', position: 'Quality officer' },
  { name: 'Keo Vanna', position: 'Laboratory technician' },
] as const;

/** A small deterministic PRNG (mulberry32), so the demo is the same on every installation. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
