import { fillSentence, type SentenceArgs, type Sentences } from '@mlob/contracts';
import { AppError, type ErrorCode, type ErrorDetail, type ErrorReason } from './errors';

/**
 * A domain's refusals from its catalogue of sentences (contracts: REGISTRY_REFUSALS,
 * ASSESSMENT_REFUSALS…): `reasonOf` names one as `<domain>.<code>` with its arguments (for
 * an error or a field's detail), and `refused` builds the error whose message is the English
 * sentence, with that reason beside it so the web app says it in the reader's language. With
 * `path`, the field at fault carries the same reason (its English `detailMessage` when a
 * shorter one reads better next to the field); `details` gives the fields at fault as they are
 * instead (each with its own file, row, value or reason).
 */
export function refusalsOf<Code extends string>(
  domain: string,
  catalogue: Readonly<Record<Code, Sentences>>,
) {
  const reasonOf = (code: Code, args: SentenceArgs = {}): ErrorReason => ({
    code: `${domain}.${code}`,
    params: args,
  });
  const textOf = (code: Code, args: SentenceArgs = {}): string => fillSentence(catalogue[code].en, args);
  const refused = (
    kind: ErrorCode,
    code: Code,
    options: {
      args?: SentenceArgs;
      path?: (string | number)[];
      detailMessage?: string;
      details?: ErrorDetail[];
    } = {},
  ): AppError => {
    const reason = reasonOf(code, options.args);
    const message = textOf(code, options.args);
    const details =
      options.details ??
      (options.path ? [{ path: options.path, message: options.detailMessage ?? message, ...reason }] : []);
    return new AppError(kind, message, details, reason);
  };
  return { reasonOf, textOf, refused };
}
