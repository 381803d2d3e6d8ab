import { sentenceCodeOf } from '@mlob/contracts';
import type { ReasonCode, ValidationDetailCode } from './errors';

/**
 * A schema issue as a kind of problem a reader's language can say (errors.detail.* in the web
 * app): a missing or empty value is `required`, a short or long text is `too_short` or
 * `too_long`, and so on. A check of the schema's own (a regex or refine with its own message)
 * is told by that message when it is a catalogued sentence (`registry.khmer_script`, see
 * contracts' sentence-catalogues.ts); otherwise it keeps only its message.
 * `code` and `params` are a zod issue's (as the request validation reports them, or a
 * service's own safeParse); `sent` is the value that was checked, `message` the issue's.
 */
export function validationKindOf(
  keyword: string,
  params: Record<string, unknown>,
  sent: unknown,
  message?: string,
): { code?: ValidationDetailCode | ReasonCode; params?: Record<string, number> } {
  const catalogued = message === undefined ? undefined : sentenceCodeOf(message);
  if (catalogued) return { code: catalogued };
  const origin = params.origin;
  const bound = (name: 'minimum' | 'maximum') =>
    typeof params[name] === 'number' ? { [name]: params[name] as number } : undefined;
  switch (keyword) {
    case 'invalid_type':
      return { code: sent === undefined || sent === null ? 'required' : 'invalid_type' };
    case 'too_small':
      if (origin === 'string')
        return sent === '' || params.minimum === 1
          ? { code: 'required' }
          : { code: 'too_short', params: bound('minimum') };
      return { code: 'too_small', params: bound('minimum') };
    case 'too_big':
      return { code: origin === 'string' ? 'too_long' : 'too_big', params: bound('maximum') };
    case 'invalid_format':
      return {
        code: params.format === 'date' || params.format === 'datetime' ? 'invalid_date' : 'invalid_format',
      };
    case 'invalid_value':
      return { code: 'invalid_value' };
    default:
      return {};
  }
}
