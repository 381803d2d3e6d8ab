import { LABS_REFUSALS } from '@mlob/contracts';
import { refusalsOf } from '../../platform/refusals';

/** The labs refusals (LABS_REFUSALS in contracts): see platform/refusals.ts. */
export const { reasonOf, textOf, refused } = refusalsOf('labs', LABS_REFUSALS);
