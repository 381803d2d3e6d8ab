import { ASSESSMENT_REFUSALS } from './assessment/refusals';
import { LABS_REFUSALS } from './labs/refusals';
import type { Sentences } from './platform/sentences';
import { PROGRAMME_REFUSALS } from './programmes/refusals';
import { REGISTRY_REFUSALS } from './registry/refusals';

/**
 * Each domain's catalogue of sentences, under the prefix its codes carry (`registry.one_head`)
 * and the name of the web module's namespace that says them.
 */
export const SENTENCE_CATALOGUES = {
  assessment: ASSESSMENT_REFUSALS,
  labs: LABS_REFUSALS,
  programmes: PROGRAMME_REFUSALS,
  registry: REGISTRY_REFUSALS,
} as const satisfies Readonly<Record<string, Readonly<Record<string, Sentences>>>>;

/** English sentence → its code, for the sentences that take no argument. */
const CODE_BY_ENGLISH = new Map(
  Object.entries(SENTENCE_CATALOGUES).flatMap(([domain, catalogue]) =>
    Object.entries(catalogue)
      .filter(([, sentences]) => !sentences.en.includes('{'))
      .map(([code, sentences]) => [sentences.en, `${domain}.${code}`] as const),
  ),
);

/**
 * The code of a schema's own check, told by its message: contracts' schemas give a catalogued
 * sentence's English as the message of a check zod reports without a code of ours (a regex, a
 * refine), so the server can send the code beside it and the web app say it in Khmer.
 * Undefined for any other message.
 */
export function sentenceCodeOf(message: string): `${string}.${string}` | undefined {
  return CODE_BY_ENGLISH.get(message) as `${string}.${string}` | undefined;
}
