import type { AssessmentTables } from '../domains/assessment/assessment.tables';
import type { GeographyTables } from '../domains/geography/geography.tables';
import type { LabsTables } from '../domains/labs/labs.tables';
import type { PaymentsTables } from '../domains/payments/payments.tables';
import type { ProgrammesTables } from '../domains/programmes/programmes.tables';
import type { RegistryTables } from '../domains/registry/registry.tables';
import type { ShockTables } from '../domains/shock/shock.tables';
import type { PlatformTables } from '../platform/platform.tables';

/**
 * The database as Kysely sees it: every domain declares its own tables in
 * `<domain>.tables.ts`, matching its migrations, and this interface joins them.
 */
export interface DB
  extends PlatformTables,
    GeographyTables,
    RegistryTables,
    LabsTables,
    AssessmentTables,
    ProgrammesTables,
    PaymentsTables,
    ShockTables {}
