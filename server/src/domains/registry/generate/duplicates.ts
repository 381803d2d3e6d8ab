import type { Person } from './people';
import type { Random } from './random';

/** Where a duplicate registration is placed, relative to the original household's village. */
export type DuplicatePlace = 'same_commune' | 'same_district' | 'same_province' | 'elsewhere';

/** Signs that are often typed or dropped in Khmer, making a real spelling variant. */
const DROPPABLE_SIGNS = /[\u17C9\u17CA\u17CB\u17CC\u17CD]/;

/** A Khmer spelling variant: a zero-width space, a look-alike subscript, or a dropped sign. */
function khmerVariant(random: Random, name: string): string {
  const r = random.next();
  if (r < 0.35) {
    const at = random.int(1, Math.max(1, name.length - 1));
    return `${name.slice(0, at)}\u200B${name.slice(at)}`;
  }
  if (r < 0.55 && name.includes('\u17D2\u178F')) return name.replace('\u17D2\u178F', '\u17D2\u178A');
  if (r < 0.8 && DROPPABLE_SIGNS.test(name)) return name.replace(DROPPABLE_SIGNS, '');
  return name;
}

/** A Latin typo: a letter doubled or dropped (never the first). */
function latinTypo(random: Random, name: string): string {
  if (name.length < 4) return name;
  const at = random.int(1, name.length - 2);
  if (name[at] === ' ') return name;
  return random.chance(0.5)
    ? name.slice(0, at) + name[at] + name.slice(at)
    : name.slice(0, at) + name.slice(at + 1);
}

function otherSpelling(random: Random, spellings: readonly string[], current: string): string {
  const others = spellings.filter((s) => s !== current);
  return others.length > 0 ? random.pick(others) : current;
}

/**
 * The same person registered a second time, as happens in the field: another Latin spelling
 * (or a typo), a Khmer variant, the birth date reduced to its year, identifiers sometimes
 * kept. A registration in another district keeps the national ID or phone: without one, a
 * namesake born the same year is as likely as a duplicate and no officer could tell them
 * apart either (`duplicatePlace` only sends people who have one that far).
 */
export function duplicateOf(
  random: Random,
  original: Person,
  options: { ref: string; place: DuplicatePlace },
): Person {
  const dup: Person = { ...original, ref: options.ref, relation: 'head' };
  if (random.chance(0.7))
    dup.familyLatin = otherSpelling(random, original.familyEntry.slice(1), original.familyLatin);
  if (random.chance(0.7))
    dup.givenLatin = otherSpelling(random, original.givenEntry.slice(1), original.givenLatin);
  if (random.chance(0.2)) dup.givenLatin = latinTypo(random, dup.givenLatin);
  if (random.chance(0.1)) dup.familyLatin = '';
  if (random.chance(0.4)) dup.givenKm = khmerVariant(random, original.givenKm);
  if (random.chance(0.25)) dup.familyKm = khmerVariant(random, original.familyKm);
  const isFar = options.place === 'elsewhere' || options.place === 'same_province';
  const keepsId = original.nationalId !== '' && (isFar || random.chance(0.4));
  dup.nationalId = keepsId ? original.nationalId : '';
  const keepsPhone = original.phone !== '' && ((isFar && !keepsId) || random.chance(0.3));
  dup.phone = keepsPhone ? original.phone : '';
  if (original.birthDate.length > 4) {
    const r = random.next();
    if (r < 0.45) dup.birthDate = original.birthDate.slice(0, 4);
    else if (r < 0.55) dup.birthDate = original.birthDate.slice(0, 7);
  }
  dup.disability = random.chance(0.8) ? original.disability : '';
  dup.chronic = random.chance(0.7) ? original.chronic : '';
  return dup;
}

export function duplicatePlace(random: Random, original: Person): DuplicatePlace {
  const r = random.next();
  const canGoFar = original.nationalId !== '' || original.phone !== '';
  if (r < 0.5) return 'same_commune';
  if (r < 0.75 || !canGoFar) return 'same_district';
  if (r < 0.85) return 'same_province';
  return 'elsewhere';
}
