import {
  FAMILY_NAMES,
  FEMALE_NAMES,
  GIVEN_FIRST_SYLLABLES,
  GIVEN_SECOND_SYLLABLES,
  MALE_NAMES,
  type NameEntry,
} from './names';
import type { Random } from './random';

/** One synthetic person as written to members.csv. */
export interface Person {
  ref: string;
  familyKm: string;
  givenKm: string;
  familyLatin: string;
  givenLatin: string;
  familyEntry: NameEntry;
  givenEntry: NameEntry;
  sex: 'F' | 'M';
  birthYear: number;
  birthDate: string;
  relation: string;
  nationalId: string;
  phone: string;
  disability: string;
  chronic: string;
}

const PHONE_PREFIXES = [
  '10',
  '11',
  '12',
  '15',
  '16',
  '17',
  '69',
  '70',
  '77',
  '78',
  '85',
  '86',
  '87',
  '89',
  '92',
  '93',
  '95',
  '96',
  '97',
  '98',
  '99',
  '31',
  '60',
  '66',
  '67',
  '68',
  '71',
  '76',
  '88',
  '90',
];
const DISABILITIES = ['seeing', 'hearing', 'walking', 'cognition', 'self_care', 'communication'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function randomPhone(random: Random): string {
  const digits = random.chance(0.5) ? 6 : 7;
  let rest = '';
  for (let i = 0; i < digits; i++) rest += String(random.int(0, 9));
  return `0${random.pick(PHONE_PREFIXES)}${rest}`;
}

/** A birth date for someone born in `year`: older people more often have only a year. */
export function randomBirthDate(random: Random, year: number, referenceYear: number): string {
  const age = referenceYear - year;
  const r = random.next();
  const yearOnly = age >= 60 ? 0.45 : 0.12;
  if (r < yearOnly) return String(year);
  const month = random.int(1, 12);
  if (r < yearOnly + 0.05) return `${year}-${pad(month)}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(random.int(1, days))}`;
}

export interface PersonSeed {
  sex: 'F' | 'M';
  age: number;
  relation: string;
  /** Family name inherited (children), else drawn. */
  familyEntry?: NameEntry;
}

/** A given name built from two syllables, with every combination of their Latin spellings. */
function compoundName(random: Random, sex: 'F' | 'M'): NameEntry {
  const first = random.pick(GIVEN_FIRST_SYLLABLES[sex]);
  const second = random.pick(GIVEN_SECOND_SYLLABLES[sex]);
  const spellings = first.slice(1).flatMap((a) => second.slice(1).map((b) => `${a}${b}`));
  return [`${first[0]}${second[0]}`, ...spellings];
}

/** Draws one person; `nextNationalId` hands out unique ID numbers. */
export function makePerson(
  random: Random,
  seed: PersonSeed,
  options: { ref: string; referenceYear: number; nextNationalId: () => string },
): Person {
  const familyEntry = seed.familyEntry ?? random.pick(FAMILY_NAMES);
  const givenEntry = random.chance(0.4)
    ? random.pick(seed.sex === 'M' ? MALE_NAMES : FEMALE_NAMES)
    : compoundName(random, seed.sex);
  const birthYear = options.referenceYear - seed.age;
  const isAdult = seed.age >= 18;
  const disability = random.chance(seed.age >= 60 ? 0.12 : 0.03)
    ? [
        ...new Set([random.pick(DISABILITIES), ...(random.chance(0.3) ? [random.pick(DISABILITIES)] : [])]),
      ].join(';')
    : '';
  const c = random.next();
  return {
    ref: options.ref,
    familyKm: familyEntry[0],
    givenKm: givenEntry[0],
    familyLatin: random.pickSkewed(familyEntry.slice(1)),
    givenLatin: random.pickSkewed(givenEntry.slice(1)),
    familyEntry,
    givenEntry,
    sex: seed.sex,
    birthYear,
    birthDate: randomBirthDate(random, birthYear, options.referenceYear),
    relation: seed.relation,
    nationalId: isAdult && random.chance(0.65) ? options.nextNationalId() : '',
    phone: isAdult && random.chance(0.3) ? randomPhone(random) : '',
    disability,
    chronic: c < 0.12 ? 'true' : c < 0.7 ? 'false' : '',
  };
}

/** Ages of a head of household: few under 25, most 30–60, a long tail to 85. */
export function headAge(random: Random): number {
  const r = random.next();
  if (r < 0.06) return random.int(18, 24);
  if (r < 0.7) return random.int(25, 54);
  if (r < 0.93) return random.int(55, 69);
  return random.int(70, 88);
}

/** The people of one household of `size`, head first, with plausible relations and ages. */
export function householdSeeds(random: Random, size: number): PersonSeed[] {
  const headSex: 'F' | 'M' = random.chance(0.72) ? 'M' : 'F';
  const age = headAge(random);
  const seeds: PersonSeed[] = [{ sex: headSex, age, relation: 'head' }];
  if (size >= 2 && random.chance(age < 70 ? 0.88 : 0.6)) {
    seeds.push({
      sex: headSex === 'M' ? 'F' : 'M',
      age: Math.max(16, age + (headSex === 'M' ? -random.int(0, 6) : random.int(0, 5))),
      relation: 'spouse',
    });
  }
  if (seeds.length < size && age < 50 && random.chance(0.12)) {
    seeds.push({
      sex: random.chance(0.6) ? 'F' : 'M',
      age: Math.min(95, age + random.int(20, 32)),
      relation: 'parent',
    });
  }
  const youngestParentAge = Math.min(age, seeds[1]?.age ?? age);
  while (seeds.length < size) {
    const sex: 'F' | 'M' = random.chance(0.5) ? 'F' : 'M';
    const r = random.next();
    if (youngestParentAge >= 50 && r < 0.35) {
      seeds.push({ sex, age: random.int(0, Math.min(14, youngestParentAge - 36)), relation: 'grandchild' });
    } else if (r < 0.9 && youngestParentAge >= 17) {
      seeds.push({ sex, age: random.int(0, Math.min(35, youngestParentAge - 16)), relation: 'child' });
    } else {
      seeds.push({
        sex,
        age: random.int(5, 70),
        relation: random.pick(['sibling', 'other_relative', 'non_relative']),
      });
    }
  }
  return seeds;
}

/** One member line of members.csv for a person in a household. */
export function memberLine(p: Person, householdRef: string): string {
  return [
    p.ref,
    householdRef,
    p.familyKm,
    p.givenKm,
    p.familyLatin,
    p.givenLatin,
    p.sex,
    p.birthDate,
    p.relation,
    p.nationalId,
    p.phone,
    p.disability,
    p.chronic,
  ].join(',');
}
