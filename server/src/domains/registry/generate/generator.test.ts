import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRegistryFiles } from './generator';

const dirs: string[] = [];
async function generate(seed: string, households = 3000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlob-gen-'));
  dirs.push(dir);
  const result = await generateRegistryFiles({ households, seed, outDir: dir });
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return {
    result,
    households: read('households.csv'),
    members: read('members.csv'),
    truth: read('duplicates-truth.csv'),
  };
}
const hash = (s: string) => createHash('sha256').update(s).digest('hex');

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('mlob generate', () => {
  it('is deterministic per seed and differs across seeds', async () => {
    const a = await generate('42', 500);
    const b = await generate('42', 500);
    const c = await generate('43', 500);
    expect(hash(a.members)).toBe(hash(b.members));
    expect(hash(a.truth)).toBe(hash(b.truth));
    expect(hash(a.members)).not.toBe(hash(c.members));
  });

  it('writes the import format with realistic households, names, dates and known duplicates', async () => {
    const { result, households, members, truth } = await generate('7');
    expect(households.split('\n')[0]).toBe('household_ref,village_code,address,phone');
    const rows = members
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows.length).toBe(result.members);
    const mean = result.members / result.households;
    expect(mean).toBeGreaterThan(4.2);
    expect(mean).toBeLessThan(5.0);
    // Exactly one head per household.
    const heads = new Map<string, number>();
    for (const r of rows) if (r[8] === 'head') heads.set(r[1]!, (heads.get(r[1]!) ?? 0) + 1);
    expect(heads.size).toBe(result.households);
    expect([...heads.values()].every((n) => n === 1)).toBe(true);
    // Khmer-script names, a mix of birth-date precisions, no date after the reference year.
    expect(
      rows.every((r) => /^[\u1780-\u17FF\u200B]+$/.test(r[2]!) && /^[\u1780-\u17FF\u200B]+$/.test(r[3]!)),
    ).toBe(true);
    const precisions = new Set(rows.map((r) => r[7]!.length));
    expect(precisions).toEqual(new Set([4, 7, 10]));
    expect(rows.every((r) => r[7]! <= '2025-12-31')).toBe(true);
    // Phnom Penh (12) is the most populous province in the 2019 census.
    const byProvince = new Map<string, number>();
    for (const line of households.trim().split('\n').slice(1)) {
      const p = line.split(',')[1]!.slice(0, 2);
      byProvince.set(p, (byProvince.get(p) ?? 0) + 1);
    }
    const top = [...byProvince.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
    expect(top).toBe('12');
    // Duplicates: both references exist and the truth file has one line per pair.
    const refs = new Set(rows.map((r) => r[0]));
    const pairs = truth.trim().split('\n').slice(1);
    expect(pairs.length).toBe(result.duplicates);
    expect(pairs.length).toBeGreaterThan(30);
    for (const p of pairs) for (const ref of p.split(',')) expect(refs.has(ref)).toBe(true);
  });
});
