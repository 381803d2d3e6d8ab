import { ASSESSMENT_REFUSALS } from '@mlob/contracts';
import { refusalsOf } from '../../platform/refusals';

/** The assessment's refusals (ASSESSMENT_REFUSALS in contracts): see platform/refusals.ts. */
export const { reasonOf, textOf, refused } = refusalsOf('assessment', ASSESSMENT_REFUSALS);
