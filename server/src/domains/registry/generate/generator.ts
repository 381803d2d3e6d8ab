import fs from 'node:fs';
import path from 'node:path';
import { readGazetteerFile, SHIPPED_GAZETTEER } from '../../geography';
import { HOUSEHOLD_COLUMNS, MEMBER_COLUMNS } from '../import/import-files';
import { type DuplicatePlace, duplicateOf, duplicatePlace } from './duplicates';
import { CENSUS_2019_POPULATION, HOUSEHOLD_SIZES } from './names';
import { householdSeeds, makePerson, memberLine, type Person, randomPhone } from './people';
import { Random, WeightedTable } from './random';

export interface GenerateOptions {
  households: number;
  seed: string | number;
  outDir: string;
  /** Share of households that are a second registration of someone already generated. */
  duplicateRate?: number;
  /** Ages and dates are computed against this year (default 2025, so no date lies ahead), never the clock: same seed, same files. */
  referenceYear?: number;
  /** Extra weight for villages under these area codes (demo data near the demo users). */
  focusAreas?: readonly { code: string; share: number }[];
  refPrefix?: string;
}

export interface GenerateResult {
  households: number;
  members: number;
  duplicates: number;
  files: { households: string; members: string; truth: string };
}

interface Villages {
  all: string[];
  byProvince: Map<string, string[]>;
  byDistrict: Map<string, string[]>;
  byCommune: Map<string, string[]>;
}

function loadVillages(): Villages {
  const all = readGazetteerFile(SHIPPED_GAZETTEER.file)
    .filter((a) => a.code.length === 8)
    .map((a) => a.code);
  const group = (length: number) => {
    const map = new Map<string, string[]>();
    for (const code of all) {
      const key = code.slice(0, length);
      const list = map.get(key);
      if (list) list.push(code);
      else map.set(key, [code]);
    }
    return map;
  };
  return { all, byProvince: group(2), byDistrict: group(4), byCommune: group(6) };
}

/** Buffered line writer that respects back-pressure. */
class LineWriter {
  private readonly stream: fs.WriteStream;
  private buffer: string[] = [];
  constructor(file: string, header: string) {
    this.stream = fs.createWriteStream(file);
    this.buffer.push(header);
  }
  async write(line: string): Promise<void> {
    this.buffer.push(line);
    if (this.buffer.length >= 5000) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    if (!this.stream.write(text)) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}

/**
 * Writes households.csv, members.csv and duplicates-truth.csv in the import format: villages
 * drawn by 2019 census province population, household sizes with mean ≈ 4.6, an age pyramid
 * from household composition, Khmer names with their Latin spellings, and a known share of
 * people registered twice. Deterministic per seed. Synthetic: no real person is described.
 */
export async function generateRegistryFiles(options: GenerateOptions): Promise<GenerateResult> {
  const random = new Random(options.seed);
  const referenceYear = options.referenceYear ?? 2025;
  const duplicateRate = options.duplicateRate ?? 0.03;
  const prefix = options.refPrefix ?? `S${String(options.seed).replace(/[^A-Za-z0-9]/g, '')}-`;
  const villages = loadVillages();
  const provinces = Object.keys(CENSUS_2019_POPULATION).filter((p) => villages.byProvince.has(p));
  const provinceTable = new WeightedTable(
    provinces,
    provinces.map((p) => CENSUS_2019_POPULATION[p] ?? 0),
  );
  const sizeTable = new WeightedTable(
    HOUSEHOLD_SIZES.map(([s]) => s),
    HOUSEHOLD_SIZES.map(([, w]) => w),
  );
  const focus = (options.focusAreas ?? []).map((f) => ({
    ...f,
    villages: villages.all.filter((v) => v.startsWith(f.code)),
  }));
  const drawVillage = (): string => {
    for (const f of focus) {
      if (f.villages.length > 0 && random.chance(f.share)) return random.pick(f.villages);
    }
    return random.pick(villages.byProvince.get(provinceTable.draw(random)) ?? villages.all);
  };
  const nearVillage = (origin: string, place: DuplicatePlace): string => {
    const pool =
      place === 'same_commune'
        ? villages.byCommune.get(origin.slice(0, 6))
        : place === 'same_district'
          ? villages.byDistrict.get(origin.slice(0, 4))
          : place === 'same_province'
            ? villages.byProvince.get(origin.slice(0, 2))
            : undefined;
    if (!pool) return drawVillage();
    const others = pool.filter((v) => v !== origin);
    return others.length > 0 ? random.pick(others) : random.pick(pool);
  };

  fs.mkdirSync(options.outDir, { recursive: true });
  const files = {
    households: path.join(options.outDir, 'households.csv'),
    members: path.join(options.outDir, 'members.csv'),
    truth: path.join(options.outDir, 'duplicates-truth.csv'),
  };
  const householdsOut = new LineWriter(files.households, HOUSEHOLD_COLUMNS.join(','));
  const membersOut = new LineWriter(files.members, MEMBER_COLUMNS.join(','));
  const truthOut = new LineWriter(files.truth, 'member_ref_a,member_ref_b');

  let memberCount = 0;
  let duplicateCount = 0;
  let nationalIdCounter = 0;
  const nextNationalId = () => {
    nationalIdCounter += 1;
    // A bijection on 9-digit numbers (7919 is coprime with 10^9): unique, not sequential.
    return String((nationalIdCounter * 7919 + 104_729) % 1_000_000_000).padStart(9, '0');
  };
  const nextMemberRef = () => {
    memberCount += 1;
    return `${prefix}M${String(memberCount).padStart(8, '0')}`;
  };
  // Reservoir of people who may be registered a second time later.
  const reservoir: { person: Person; village: string }[] = [];
  const RESERVOIR_SIZE = 20_000;
  let seen = 0;

  for (let h = 1; h <= options.households; h++) {
    const householdRef = `${prefix}H${String(h).padStart(8, '0')}`;
    const isDuplicate = reservoir.length > 100 && random.chance(duplicateRate);
    let village: string;
    let members: Person[];
    if (isDuplicate) {
      const slot = random.int(0, reservoir.length - 1);
      const origin = reservoir[slot] as { person: Person; village: string };
      // Registered once more only: take the original out of the pool.
      reservoir[slot] = reservoir[reservoir.length - 1] as { person: Person; village: string };
      reservoir.pop();
      const place = duplicatePlace(random, origin.person);
      village = nearVillage(origin.village, place);
      const dup = duplicateOf(random, origin.person, { ref: nextMemberRef(), place });
      members = [dup];
      const extra = random.int(0, 2);
      for (let i = 0; i < extra; i++) {
        members.push(
          makePerson(
            random,
            { sex: random.chance(0.5) ? 'F' : 'M', age: random.int(0, 15), relation: 'child' },
            { ref: nextMemberRef(), referenceYear, nextNationalId },
          ),
        );
      }
      duplicateCount += 1;
      await truthOut.write(`${origin.person.ref},${dup.ref}`);
    } else {
      village = drawVillage();
      const seeds = householdSeeds(random, sizeTable.draw(random));
      members = [];
      const head = makePerson(random, seeds[0]!, { ref: nextMemberRef(), referenceYear, nextNationalId });
      members.push(head);
      for (const seed of seeds.slice(1)) {
        const father =
          head.sex === 'M' ? head : members.find((m) => m.relation === 'spouse' && m.sex === 'M');
        const inherits = (seed.relation === 'child' || seed.relation === 'grandchild') && father;
        const familyEntry = inherits && random.chance(0.85) ? father.familyEntry : undefined;
        members.push(
          makePerson(
            random,
            { ...seed, familyEntry },
            { ref: nextMemberRef(), referenceYear, nextNationalId },
          ),
        );
      }
      for (const person of members) {
        if (referenceYear - person.birthYear < 16) continue;
        seen += 1;
        if (reservoir.length < RESERVOIR_SIZE) reservoir.push({ person, village });
        else if (random.chance(RESERVOIR_SIZE / seen))
          reservoir[random.int(0, RESERVOIR_SIZE - 1)] = { person, village };
      }
    }
    const phone = random.chance(0.65) ? members[0]?.phone || randomPhone(random) : '';
    await householdsOut.write(
      `${householdRef},${village},"House ${random.int(1, 250)}, Group ${random.int(1, 12)}",${phone}`,
    );
    for (const person of members) await membersOut.write(memberLine(person, householdRef));
  }
  await Promise.all([householdsOut.close(), membersOut.close(), truthOut.close()]);
  return { households: options.households, members: memberCount, duplicates: duplicateCount, files };
}
