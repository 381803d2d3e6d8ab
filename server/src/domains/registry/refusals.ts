import { type RegistryRefusalCode, registryRefusalText, type SentenceArgs } from '@mlob/contracts';
import { AppError, type ErrorCode, type ErrorReason } from '../../platform/errors';

/** A refusal as a catalogued reason (`registry.<code>` and its arguments). */
export function refusalReason(code: RegistryRefusalCode, args: SentenceArgs = {}): ErrorReason {
  return { code: `registry.${code}`, params: args };
}

/**
 * A request refused for one of the registry's own rules (REGISTRY_REFUSALS in contracts): the
 * English sentence is the message, and its code and arguments go beside it so the web app says
 * it in the reader's language. With `path`, the field at fault carries the same reason (its
 * English `detailMessage` when a shorter one reads better next to the field).
 */
export function refused(
  kind: ErrorCode,
  code: RegistryRefusalCode,
  options: { args?: SentenceArgs; path?: (string | number)[]; detailMessage?: string } = {},
): AppError {
  const reason = refusalReason(code, options.args);
  const message = registryRefusalText(code, options.args);
  const details = options.path
    ? [{ path: options.path, message: options.detailMessage ?? message, ...reason }]
    : [];
  return new AppError(kind, message, details, reason);
}

/** A life event that breaks a rule of the household as it stands: 409 on `change.<path>`. */
export function conflict(code: RegistryRefusalCode, path: string, args?: SentenceArgs): AppError {
  return refused('conflict', code, { args, path: ['change', path] });
}
