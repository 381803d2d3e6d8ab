import { describe, expect, it } from 'vitest';
import { WEB_MODULES } from '../modules';
import en from './en.json';
import type { Messages } from './index';
import km from './km.json';

/** Flattens nested messages to `a.b.c` keys, folding plural suffixes (Khmer has only `_other`). */
function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, `${path}.`)) out.set(k, v);
  }
  return out;
}

// A value given in both languages is two arguments, `<name>_en` and `<name>_km` (an identifier
// type's label in a refusal): each language's sentence uses its own.
const variables = (text: string) =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]?.replace(/_km$/, '_en')).sort();

const BUNDLES: [string, Messages, Messages][] = [
  ['common', en, km],
  ...WEB_MODULES.filter((m) => m.messages).map(
    (m) => [m.id, m.messages?.en ?? {}, m.messages?.km ?? {}] as [string, Messages, Messages],
  ),
];

describe.each(BUNDLES)('messages of %s', (_name, english, khmer) => {
  const enKeys = flatten(english);
  const kmKeys = flatten(khmer);

  it('has every key in both Khmer and English', () => {
    expect([...kmKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('uses the same {{variables}} in both languages', () => {
    for (const [key, text] of enKeys) {
      expect({ key, vars: variables(kmKeys.get(key) ?? '') }).toEqual({ key, vars: variables(text) });
    }
  });

  it('writes Khmer text in Khmer script', () => {
    const latinOnly = [...kmKeys].filter(
      ([, text]) => !/[\u1780-\u17FF]/.test(text) && /[a-z]{4,}/i.test(text),
    );
    // Language names, percentages and similar may stay Latin; prose may not.
    expect(latinOnly.filter(([key]) => !['language.en', 'percent'].includes(key))).toEqual([]);
  });
});
