import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseChecklistText, parseChecklistValue } from './checklist-file';
import { percentOf, rollUp, scoreAudit, starsFor, validateAnswers } from './scoring';
import { allYes, answersScoring, realV2, SLIPTA_V2_FILE, V3_FIXTURE_FILE } from './test-helpers';

const { model, inconsistencies, file } = realV2();

describe('the real SLIPTA v2 checklist file', () => {
  it('is well-formed: 12 sections, 115 questions, 298 sub-questions', () => {
    expect(model.sections).toHaveLength(12);
    const questions = model.sections.flatMap((s) => s.questions);
    expect(questions).toHaveLength(115);
    expect(questions.flatMap((q) => q.subQuestions)).toHaveLength(298);
  });

  it('reports every inconsistency, by section', () => {
    expect(inconsistencies).toEqual([
      'section 3: question points sum to 23 but the section declares 22',
      'section 9: question 9.9 carries 0 points (it can never score)',
      'section 9: question points sum to 18 but the section declares 21',
      'total: question points sum to 273 but the checklist declares 275',
    ]);
  });
});

describe('scoring the real SLIPTA v2 checklist', () => {
  it('gives a fully-Yes audit full marks (the 273 points actually loaded) and 5 stars', () => {
    const score = scoreAudit(model, allYes(model));
    expect(score).toMatchObject({ points: 273, maxPoints: 273, percent: 100, stars: 5 });
    expect(score.sections.find((s) => s.number === 3)).toMatchObject({ points: 23, maxPoints: 23 });
    expect(score.sections.find((s) => s.number === 9)).toMatchObject({ points: 18, maxPoints: 18 });
  });

  it('removes an N/A question from the denominator', () => {
    const score = scoreAudit(model, { ...allYes(model), '9.4': 'na' });
    expect(score).toMatchObject({ points: 271, maxPoints: 271, percent: 100, stars: 5 });
    expect(score.sections.find((s) => s.number === 9)).toMatchObject({ points: 16, maxPoints: 16 });
  });

  it('scores partial as 1 point and no as 0, whatever the question is worth', () => {
    const score = scoreAudit(model, { ...allYes(model), '1.1': 'partial', '8.9': 'partial', '1.3': 'no' });
    // 1.1 (2 → 1), 8.9 (3 → 1), 1.3 (2 → 0)
    expect(score.points).toBe(273 - 1 - 2 - 2);
    expect(score.maxPoints).toBe(273);
  });

  it('rolls sub-questions up exactly as the notes say', () => {
    const base = allYes(model);
    const q12 = (answers: Record<string, string>) =>
      scoreAudit(model, { ...base, ...answers } as typeof base).questions.find((q) => q.id === '1.2')!;
    expect(q12({})).toMatchObject({ answer: 'yes', points: 5, maxPoints: 5 });
    expect(q12({ '1.2.c': 'no' })).toMatchObject({ answer: 'partial', points: 1 });
    expect(q12({ '1.2.c': 'partial' })).toMatchObject({ answer: 'partial', points: 1 });
    const allNo = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((l) => [`1.2.${l}`, 'no']));
    expect(q12(allNo)).toMatchObject({ answer: 'no', points: 0, maxPoints: 5 });
    // 5.4 (2 points): its three sub-questions all offer N/A.
    const q54 = (answers: Record<string, string>) =>
      scoreAudit(model, { ...base, ...answers } as typeof base).questions.find((q) => q.id === '5.4')!;
    expect(q54({ '5.4.a': 'na', '5.4.b': 'na', '5.4.c': 'na' })).toMatchObject({
      answer: 'na',
      maxPoints: 0,
    });
    expect(q54({ '5.4.a': 'na', '5.4.b': 'yes', '5.4.c': 'yes' })).toMatchObject({
      answer: 'yes',
      points: 2,
    });
    expect(q54({ '5.4.a': 'na', '5.4.b': 'no', '5.4.c': 'no' })).toMatchObject({ answer: 'no', points: 0 });
    expect(q54({ '5.4.a': 'na', '5.4.b': 'yes', '5.4.c': 'no' })).toMatchObject({
      answer: 'partial',
      points: 1,
    });
    expect(rollUp([undefined, undefined])).toBeNull();
    expect(rollUp(['yes', undefined])).toBe('partial');
  });

  it('puts each star boundary exactly at its minPercent (inclusive) on the real total', () => {
    const bands = [
      [55, 1],
      [65, 2],
      [75, 3],
      [85, 4],
      [95, 5],
    ] as const;
    for (const [minPercent, stars] of bands) {
      const lowest = Math.ceil((minPercent * 273) / 100);
      const at = scoreAudit(model, answersScoring(model, lowest));
      const below = scoreAudit(model, answersScoring(model, lowest - 1));
      expect(at.points, `${minPercent}%`).toBe(lowest);
      expect(at.stars, `${lowest}/273`).toBe(stars);
      expect(below.stars, `${lowest - 1}/273`).toBe(stars - 1);
    }
    // Exactly on the boundary counts: 110/200 is 55.00%.
    expect(starsFor(model, 110, 200)).toBe(1);
    expect(starsFor(model, 109, 200)).toBe(0);
    expect(starsFor(model, 190, 200)).toBe(5);
    expect(percentOf(151, 275)).toBe(54.91);
  });

  it('awards no stars unless the two latest proficiency tests reached 80%', () => {
    const answers = allYes(model);
    expect(scoreAudit(model, answers).proficiency).toBe('not_checked');
    expect(scoreAudit(model, answers, { proficiencyPercents: [80, 95] })).toMatchObject({
      stars: 5,
      proficiency: 'met',
    });
    expect(scoreAudit(model, answers, { proficiencyPercents: [79.9, 95] })).toMatchObject({
      stars: 0,
      starsByPercent: 5,
      proficiency: 'not_met',
      percent: 100,
    });
    expect(scoreAudit(model, answers, { proficiencyPercents: [95, 60, 100] }).stars).toBe(0);
    expect(scoreAudit(model, answers, { proficiencyPercents: [95, 90, 40] }).stars).toBe(5);
    expect(scoreAudit(model, answers, { proficiencyPercents: [95] }).stars).toBe(0);
  });

  it('refuses unknown ids, unknown answers, options an item does not offer, and double answers', () => {
    const { problems } = validateAnswers(model, {
      '1.99': 'yes',
      '1.1': 'maybe',
      '1.3': 'na',
      '7.7.a': 'partial',
      '1.2': 'yes',
      '1.2.a': 'yes',
    });
    expect(problems.map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual([
      '1.99: unknown question id "1.99" in SLIPTA 2 (2015)',
      '1.1: unknown answer "maybe"; use one of yes, partial, no, na',
      '1.3: "na" is not offered for 1.3; it offers yes, partial, no',
      '7.7.a: "partial" is not offered for 7.7.a; it offers yes, no, na',
      '1.2.a: 1.2 is answered directly; answer it or its sub-questions, not both',
    ]);
  });
});

describe('reading checklist files', () => {
  const real = JSON.parse(fs.readFileSync(SLIPTA_V2_FILE, 'utf8'));

  it('names the JSON path and the problem of a malformed file', () => {
    const broken = structuredClone(real);
    delete broken.sections[2].questions[1].points;
    broken.starBands[3].minPercent = 'high';
    const parsed = parseChecklistValue(broken);
    expect(parsed.isWellFormed).toBe(false);
    if (parsed.isWellFormed) return;
    const lines = parsed.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    expect(lines.some((l) => l.startsWith('$.sections[2].questions[1].points:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('$.starBands[3].minPercent:'))).toBe(true);
  });

  it('finds duplicate ids, misplaced sub-questions, bands out of order and bad JSON', () => {
    const broken = structuredClone(real);
    broken.sections[0].questions[2].id = '1.1';
    broken.sections[0].questions[1].subQuestions[0].id = '2.2.a';
    broken.starBands[2].minPercent = 50;
    const parsed = parseChecklistValue(broken);
    if (parsed.isWellFormed) throw new Error('should be malformed');
    expect(parsed.problems.map((p) => p.path[0])).toEqual([
      '$.sections[0].questions[1].subQuestions[0].id',
      '$.sections[0].questions[2].id',
      '$.starBands[2]',
    ]);
    const notJson = parseChecklistText('{"checklist": ', 'x.json');
    expect(notJson.isWellFormed).toBe(false);
    if (!notJson.isWellFormed) expect(notJson.problems[0]!.message).toMatch(/not valid JSON/);
  });

  it('reads a SLIPTA v3-shaped file the same way', () => {
    const parsed = parseChecklistText(fs.readFileSync(V3_FIXTURE_FILE, 'utf8'));
    if (!parsed.isWellFormed) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.inconsistencies).toEqual([]);
    const score = scoreAudit(parsed.model, { '1.1': 'yes', '1.2.a': 'yes', '1.2.b': 'na', '2.1': 'na' });
    expect(score).toMatchObject({ points: 7, maxPoints: 7, stars: 5 });
    expect(file.version).toBe('2 (2015)');
  });
});
