/**
 * The registry of domain web modules: the one place a domain plugs its screens into the app.
 *
 * HOW A DOMAIN ADDS ITS SCREENS (labs, registry, assessment, …):
 * 1. Put the pages under `web/src/routes/<domain>/` (e.g. `labs-page.tsx`), with the domain's own
 *    strings in `web/src/routes/<domain>/messages/{en,km}.json` (both languages, always).
 * 2. Add ONE entry to WEB_MODULES below (re-read this file right before editing; others edit it too):
 *      {
 *        id: 'labs',                          // also the i18n namespace: useTranslation('labs')
 *        path: 'labs',                        // URL prefix: /labs/*
 *        navLabelKey: 'labs:nav',             // i18n key of the navigation label
 *        roles: ['lab_quality_manager', 'lab_auditor', 'admin'], // who sees it ('all' = everyone)
 *        messages: { en: labsEn, km: labsKm },
 *        routes: [{ index: true, lazy: () => import('./routes/labs/labs-page').then((m) => ({ Component: m.LabsPage })) }],
 *      },
 *    `routes` are react-router route objects relative to `path`; use `lazy` so each domain is its
 *    own chunk. The layout hides the nav entry from other roles and the router answers them with
 *    "not available" — the server's policy is still what protects the data.
 * 3. Job kinds your domain adds get a label from `<id>:jobKinds.<kind with . replaced by _>`.
 */
import type { RoleName } from '@mlob/contracts';
import type { RouteObject } from 'react-router-dom';
import { type Messages, withReasons } from './i18n';
import assessmentEn from './routes/assessment/messages/en.json';
import assessmentKm from './routes/assessment/messages/km.json';
import { ASSESSMENT_REASON_TERMS } from './routes/assessment/reason-terms';
import geographyEn from './routes/geography/messages/en.json';
import geographyKm from './routes/geography/messages/km.json';
import jobsEn from './routes/jobs/messages/en.json';
import jobsKm from './routes/jobs/messages/km.json';
import labsEn from './routes/labs/messages/en.json';
import labsKm from './routes/labs/messages/km.json';
import { LABS_REASON_TERMS } from './routes/labs/reason-terms';
import programmesEn from './routes/programmes/messages/en.json';
import programmesKm from './routes/programmes/messages/km.json';
import { PROGRAMME_REASON_TERMS } from './routes/programmes/reason-terms';
import registryEn from './routes/registry/messages/en.json';
import registryKm from './routes/registry/messages/km.json';
import { REGISTRY_REASON_TERMS } from './routes/registry/reason-terms';
import usersEn from './routes/users/messages/en.json';
import usersKm from './routes/users/messages/km.json';

export interface WebModule {
  /** Unique id; also the i18n namespace of `messages`. */
  id: string;
  /** URL prefix without slashes: the module's routes live under `/<path>/*`. */
  path: string;
  /** i18n key (`<namespace>:<key>`) of the label shown in the navigation. */
  navLabelKey: string;
  /** Roles that see the module in the navigation and may open its pages. */
  roles: readonly RoleName[] | 'all';
  /** The module's strings, registered as namespace `id`. */
  messages?: { en: Messages; km: Messages };
  /** react-router routes relative to `path` (prefer `lazy`). */
  routes: RouteObject[];
}

export const WEB_MODULES: WebModule[] = [
  {
    id: 'geography',
    path: 'geography',
    navLabelKey: 'geography:nav',
    roles: [
      'admin',
      'national_officer',
      'provincial_officer',
      'commune_officer',
      'village_chief',
      'programme_officer',
      'payment_officer',
      'facility_clerk',
      'pca_officer',
      'regulator_analyst',
      'lab_quality_manager',
      'lab_auditor',
      'curriculum_coordinator',
      'assessor',
    ],
    messages: { en: geographyEn, km: geographyKm },
    routes: [
      {
        index: true,
        lazy: () =>
          import('./routes/geography/area-browser-page').then((m) => ({ Component: m.AreaBrowserPage })),
      },
      {
        path: ':code',
        lazy: () =>
          import('./routes/geography/area-browser-page').then((m) => ({ Component: m.AreaBrowserPage })),
      },
    ],
  },
  {
    id: 'jobs',
    path: 'jobs',
    navLabelKey: 'jobs:nav',
    roles: 'all',
    messages: { en: jobsEn, km: jobsKm },
    routes: [
      { index: true, lazy: () => import('./routes/jobs/jobs-page').then((m) => ({ Component: m.JobsPage })) },
    ],
  },
  {
    id: 'users',
    path: 'users',
    navLabelKey: 'users:nav',
    roles: ['admin'],
    messages: { en: usersEn, km: usersKm },
    routes: [
      {
        index: true,
        lazy: () => import('./routes/users/users-page').then((m) => ({ Component: m.UsersPage })),
      },
    ],
  },
  {
    id: 'registry',
    path: 'registry',
    navLabelKey: 'registry:nav',
    roles: [
      'admin',
      'national_officer',
      'provincial_officer',
      'commune_officer',
      'village_chief',
      'programme_officer',
    ],
    messages: withReasons({ en: registryEn, km: registryKm }, 'registry', REGISTRY_REASON_TERMS),
    routes: [
      {
        index: true,
        lazy: () =>
          import('./routes/registry/registry-search-page').then((m) => ({ Component: m.RegistrySearchPage })),
      },
      {
        path: 'households/:id',
        lazy: () => import('./routes/registry/household-page').then((m) => ({ Component: m.HouseholdPage })),
      },
      {
        path: 'changes',
        lazy: () =>
          import('./routes/registry/change-queue-page').then((m) => ({ Component: m.ChangeQueuePage })),
      },
      {
        path: 'import',
        lazy: () => import('./routes/registry/import-page').then((m) => ({ Component: m.ImportPage })),
      },
      {
        path: 'duplicates',
        lazy: () =>
          import('./routes/registry/duplicates-page').then((m) => ({ Component: m.DuplicatesPage })),
      },
      {
        path: 'new-household',
        lazy: () =>
          import('./routes/registry/new-household-page').then((m) => ({ Component: m.NewHouseholdPage })),
      },
      {
        path: 'rules',
        lazy: () =>
          import('./routes/registry/approval-rules-page').then((m) => ({ Component: m.ApprovalRulesPage })),
      },
    ],
  },
  {
    id: 'assessment',
    path: 'assessment',
    navLabelKey: 'assessment:nav',
    roles: [
      'admin',
      'national_officer',
      'provincial_officer',
      'commune_officer',
      'village_chief',
      'programme_officer',
    ],
    messages: withReasons({ en: assessmentEn, km: assessmentKm }, 'assessment', ASSESSMENT_REASON_TERMS),
    routes: [
      {
        index: true,
        lazy: () =>
          import('./routes/assessment/assessment-home-page').then((m) => ({
            Component: m.AssessmentHomePage,
          })),
      },
      {
        path: 'assess/:householdId',
        lazy: () => import('./routes/assessment/assess-page').then((m) => ({ Component: m.AssessPage })),
      },
      {
        path: 'assessments/:id',
        lazy: () =>
          import('./routes/assessment/assessment-page').then((m) => ({ Component: m.AssessmentPage })),
      },
      {
        path: 'lists/:id',
        lazy: () => import('./routes/assessment/list-page').then((m) => ({ Component: m.ListPage })),
      },
      {
        path: 'cards/:id',
        lazy: () => import('./routes/assessment/card-page').then((m) => ({ Component: m.CardPage })),
      },
      {
        path: 'verify',
        lazy: () => import('./routes/assessment/card-page').then((m) => ({ Component: m.VerifyPage })),
      },
      {
        path: 'at-risk',
        lazy: () => import('./routes/assessment/at-risk-page').then((m) => ({ Component: m.AtRiskPage })),
      },
      {
        path: 'models',
        lazy: () => import('./routes/assessment/models-page').then((m) => ({ Component: m.ModelsPage })),
      },
      {
        path: 'rounds',
        lazy: () => import('./routes/assessment/rounds-page').then((m) => ({ Component: m.RoundsPage })),
      },
    ],
  },
  {
    id: 'labs',
    path: 'labs',
    navLabelKey: 'labs:nav',
    roles: ['lab_quality_manager', 'lab_auditor', 'admin'],
    messages: withReasons({ en: labsEn, km: labsKm }, 'labs', LABS_REASON_TERMS),
    routes: [
      {
        index: true,
        lazy: () =>
          import('./routes/labs/labs-dashboard-page').then((m) => ({ Component: m.LabsDashboardPage })),
      },
      {
        path: 'audits',
        lazy: () => import('./routes/labs/audits-page').then((m) => ({ Component: m.AuditsPage })),
      },
      {
        path: 'audits/:id',
        lazy: () => import('./routes/labs/audit-entry-page').then((m) => ({ Component: m.AuditEntryPage })),
      },
      {
        path: 'ncs',
        lazy: () => import('./routes/labs/nc-board-page').then((m) => ({ Component: m.NcBoardPage })),
      },
      { path: 'ncs/:id', lazy: () => import('./routes/labs/nc-page').then((m) => ({ Component: m.NcPage })) },
      {
        path: 'quality',
        lazy: () => import('./routes/labs/quality-page').then((m) => ({ Component: m.QualityPage })),
      },
      {
        path: 'quality/equipment',
        lazy: () => import('./routes/labs/equipment-page').then((m) => ({ Component: m.EquipmentPage })),
      },
      {
        path: 'quality/documents',
        lazy: () => import('./routes/labs/documents-page').then((m) => ({ Component: m.DocumentsPage })),
      },
      {
        path: 'quality/staff',
        lazy: () => import('./routes/labs/staff-page').then((m) => ({ Component: m.StaffPage })),
      },
      {
        path: 'quality/eqa',
        lazy: () => import('./routes/labs/eqa-page').then((m) => ({ Component: m.EqaPage })),
      },
    ],
  },
  {
    id: 'programmes',
    path: 'programmes',
    navLabelKey: 'programmes:nav',
    roles: ['programme_officer', 'payment_officer', 'admin'],
    messages: withReasons({ en: programmesEn, km: programmesKm }, 'programmes', PROGRAMME_REASON_TERMS),
    routes: [
      {
        index: true,
        lazy: () =>
          import('./routes/programmes/programmes-page').then((m) => ({ Component: m.ProgrammesPage })),
      },
      {
        path: 'cycles/:id',
        lazy: () => import('./routes/programmes/cycle-page').then((m) => ({ Component: m.CyclePage })),
      },
      {
        path: 'shock',
        lazy: () => import('./routes/programmes/shock-page').then((m) => ({ Component: m.ShockPage })),
      },
      {
        path: ':code',
        lazy: () =>
          import('./routes/programmes/programme-page').then((m) => ({ Component: m.ProgrammePage })),
      },
    ],
  },
];
