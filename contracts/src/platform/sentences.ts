/**
 * Sentences the server and the web app both say, in English and in Khmer, kept in one
 * catalogue per domain (the import's reasons, the registry's refusals): the server writes the
 * English into messages, files and logs, and sends the code and its arguments beside it so the
 * web app says the same thing in the reader's language. `{name}` marks an argument.
 */
export type Sentences = { readonly en: string; readonly km: string };
export type SentenceLanguage = keyof Sentences;
export type SentenceArgs = Record<string, string | number>;

/** A sentence with its arguments filled in; a missing one stays visible as `{name}`. */
export function fillSentence(template: string, args: SentenceArgs): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(args, name) ? String(args[name]) : whole,
  );
}

/** The names of a sentence's arguments, in the order it uses them. */
export function sentenceArgNames(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}
