import fs from 'node:fs';

/** The project's own short wording (English, Khmer) for checklist versions it knows. */
const SHORT_WORDING_FILES: { checklist: string; version: string; file: string }[] = [
  {
    checklist: 'SLIPTA',
    version: '2 (2015)',
    file: new URL('../data/slipta-v2-short-wording.tsv', import.meta.url).pathname,
  },
];

export interface ShortWording {
  /** Keyed by question id, and by "S<number>" for section titles. */
  byId: Map<string, { en: string; km: string }>;
}

/** The short wording for a checklist version, or an empty map when the project has none yet. */
export function shortWordingFor(checklist: string, version: string): ShortWording {
  const entry = SHORT_WORDING_FILES.find((f) => f.checklist === checklist && f.version === version);
  const byId = new Map<string, { en: string; km: string }>();
  if (!entry) return { byId };
  for (const line of fs.readFileSync(entry.file, 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [id, en, km] = line.split('\t');
    if (id && en && km) byId.set(id, { en, km });
  }
  return { byId };
}
