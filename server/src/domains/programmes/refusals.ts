import { PROGRAMME_REFUSALS } from '@mlob/contracts';
import { refusalsOf } from '../../platform/refusals';

/** The programmes refusals (PROGRAMME_REFUSALS in contracts): see platform/refusals.ts. */
export const { reasonOf, textOf, refused } = refusalsOf('programmes', PROGRAMME_REFUSALS);
