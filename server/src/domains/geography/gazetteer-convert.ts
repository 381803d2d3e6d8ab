import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** Units as named in the NCDD data, mapped to the kinds Mlob stores. */
const KIND_BY_UNIT: Record<string, string> = {
  'Reach Theani': 'capital',
  Khaet: 'province',
  Khan: 'khan',
  Krong: 'krong',
  Srok: 'district',
  Sangkat: 'sangkat',
  Khum: 'commune',
  Phum: 'village',
};

const FILES = [
  ['provinces.yml', 'provinces'],
  ['districts.yml', 'districts'],
  ['communes.yml', 'communes'],
  ['villages.yml', 'villages'],
] as const;

interface YamlUnit {
  name: { km: string; latin: string; ungegn?: string };
  administrative_unit: { latin: string };
}

export const GAZETTEER_COLUMNS = ['code', 'kind', 'name_km', 'name_latin', 'name_ungegn'] as const;

/**
 * Converts the pumi YAML gazetteer (../shared/data/gazetteer) into the compact TSV the
 * project ships. Run by `mlob geography convert`; the output is committed so that start-up
 * never needs the shared folder.
 */
export function convertGazetteer(sourceDir: string): string {
  const lines = [GAZETTEER_COLUMNS.join('\t')];
  for (const [file, key] of FILES) {
    const doc = YAML.parse(fs.readFileSync(path.join(sourceDir, file), 'utf8')) as Record<
      string,
      Record<string, YamlUnit>
    >;
    const units = doc[key];
    if (!units) throw new Error(`${file}: missing top-level key "${key}"`);
    for (const [code, unit] of Object.entries(units).sort(([a], [b]) => a.localeCompare(b))) {
      const kind = KIND_BY_UNIT[unit.administrative_unit.latin];
      if (!kind)
        throw new Error(`${file}: ${code}: unknown administrative unit "${unit.administrative_unit.latin}"`);
      // Names are trimmed; the source has a few blank Latin names (e.g. village 02010508), kept blank.
      const cells = [
        code,
        kind,
        unit.name.km.trim(),
        unit.name.latin.trim(),
        (unit.name.ungegn ?? '').trim(),
      ];
      if (cells.some((c) => /[\t\n]/.test(c))) throw new Error(`${file}: ${code}: tab or newline in a name`);
      lines.push(cells.join('\t'));
    }
  }
  return `${lines.join('\n')}\n`;
}
