import { REGISTRY_REFUSALS, type RegistryRefusalCode, type SentenceArgs } from '@mlob/contracts';
import type { AppError } from '../../platform/errors';
import { refusalsOf } from '../../platform/refusals';

/** The registry's refusals (REGISTRY_REFUSALS in contracts): see platform/refusals.ts. */
const registry = refusalsOf('registry', REGISTRY_REFUSALS);

/** A refusal as a catalogued reason (`registry.<code>` and its arguments). */
export const refusalReason = registry.reasonOf;

/** A request refused for one of the registry's own rules. */
export const refused = registry.refused;

/** A life event that breaks a rule of the household as it stands: 409 on `change.<path>`. */
export function conflict(code: RegistryRefusalCode, path: string, args?: SentenceArgs): AppError {
  return refused('conflict', code, { args, path: ['change', path] });
}
