import i18next from 'i18next';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { languageOfText } from '../../i18n';
import commonEn from '../../i18n/en.json';
import commonKm from '../../i18n/km.json';
import { historyValue } from './household-history';
import { emptyMember, MemberFields, memberFieldLabels, memberPayload } from './member-fields';
import registryEn from './messages/en.json';
import registryKm from './messages/km.json';
import { looksLikeReference } from './registry.api';
import { exportUrl, householdIdOfRef } from './registry-admin.api';
import { chosenRelations, RelationsToHeadFields, relationField } from './relations-to-head-fields';

describe('registry form helpers', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({
      lng: 'en',
      resources: {
        en: { common: commonEn, registry: registryEn },
        km: { common: commonKm, registry: registryKm },
      },
      defaultNS: 'common',
      fallbackNS: 'common',
      interpolation: { escapeValue: false },
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('builds the export URL of the search shown, leaving out empty parameters', () => {
    expect(exportUrl({ q: ' Sok Dara ', area: '', format: 'csv' })).toBe(
      '/api/registry/export/members?q=Sok+Dara&format=csv',
    );
    expect(exportUrl({ q: '', area: '020101', format: 'xlsx' })).toBe(
      '/api/registry/export/members?area=020101&format=xlsx',
    );
  });

  it('sends a new member without the optional values left empty', () => {
    const payload = memberPayload({
      ...emptyMember('head'),
      memberRef: ' M-1 ',
      familyNameKm: 'សុខ',
      givenNameKm: 'ដារា',
      birthDate: '1980',
    });
    expect(payload).toEqual({
      memberRef: 'M-1',
      familyNameKm: 'សុខ',
      givenNameKm: 'ដារា',
      sex: 'F',
      relationToHead: 'head',
      birthDate: '1980',
    });
  });

  it('shows the server’s error on the member field it names, in Khmer, and names it in the summary', async () => {
    await i18next.changeLanguage('km');
    const html = renderToStaticMarkup(
      createElement(MemberFields, {
        value: emptyMember('head'),
        onChange: () => undefined,
        errors: { 'change.members.0.nationalId': 'A national ID has 9 or 10 digits' },
        prefix: 'change.members.0',
      }),
    );
    expect(html).toContain('លេខអត្តសញ្ញាណប័ណ្ណ');
    expect(html).toMatch(/field--error[\s\S]*A national ID has 9 or 10 digits[\s\S]*aria-invalid="true"/);
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(1);
    const labels = memberFieldLabels(i18next.getFixedT('km', 'registry'), 'change.members.0', 'សមាជិកទី 1');
    expect(labels['change.members.0.nationalId']).toBe('សមាជិកទី 1: លេខអត្តសញ្ញាណប័ណ្ណ');
  });

  it('shows history values as people read them, in English and Khmer, never as codes or ids', () => {
    const en = i18next.getFixedT('en', 'registry');
    const km = i18next.getFixedT('km', 'registry');
    const value = (t: typeof en, field: string, v: unknown, entityType: 'household' | 'member' = 'member') =>
      historyValue(t, { entityType, field, value: v, householdId: 'h-1' });
    expect(value(en, 'status', 'merged', 'household')).toBe('Merged');
    expect(value(en, 'status', 'moved_out')).toBe('Moved out');
    expect(value(km, 'relation_to_head', 'spouse')).toBe(registryKm.relation.spouse);
    expect(value(en, 'disability', ['seeing', 'walking'])).toBe('Seeing, Walking or climbing steps');
    expect(value(en, 'is_pregnant', false)).toBe('No');
    expect(value(km, 'birth_precision', 'year')).toBe(registryKm.history.precision.year);
    expect(value(en, 'death_date', null)).toBe('—');
    expect(value(en, 'household_id', 'h-1')).toBe('this household');
    const link = renderToStaticMarkup(
      createElement(MemoryRouter, null, value(en, 'household_id', 'h-2') as ReactNode),
    );
    expect(link).toMatch(/^<a href="\/registry\/households\/h-2"[^>]*>another household<\/a>$/);
  });

  it('asks each member who joins another head for a relation, preselecting none, in Khmer', async () => {
    await i18next.changeLanguage('km');
    const member = (id: string, ref: string, relationToHead: 'child' | 'spouse') =>
      ({
        id,
        memberRef: ref,
        familyNameKm: 'ម៉ម',
        givenNameKm: 'បុប្ផា',
        relationToHead,
        status: 'active',
      }) as never;
    const members = [member('m-1', 'LE-M8', 'child'), member('m-2', 'LE-M9', 'spouse')];
    const html = renderToStaticMarkup(
      createElement(RelationsToHeadFields, {
        legend: registryKm.event.mergeRelations,
        members,
        value: { 'm-1': 'other_relative' },
        onChange: () => undefined,
        errors: { [relationField('m-2')]: 'say how LE-M9 is related to the new head' },
        labelOf: (m: { memberRef: string }) => m.memberRef,
      }),
    );
    expect(html).toContain(registryKm.event.mergeRelations);
    // The former relation is shown as a reminder, translated; the new one is chosen.
    expect(html).toContain(`នឹងមេគ្រួសារចាស់៖ ${registryKm.relation.child}`);
    expect(html).toContain(registryKm.relation.grandchild);
    expect(html).not.toContain(`>${registryKm.relation.head}<`);
    expect(html.match(/<select/g)).toHaveLength(2);
    expect(html.match(/<option value="other_relative" selected="">/g)).toHaveLength(1);
    expect(html).toMatch(/field--error[\s\S]*LE-M9 is related[\s\S]*aria-invalid="true"/);
    // Only the members shown, with a relation chosen, are sent.
    expect(chosenRelations(members, { 'm-1': 'other_relative', 'm-2': '', 'm-gone': 'child' })).toEqual({
      'm-1': 'other_relative',
    });
  });

  it('looks up households only for texts shaped like a reference', () => {
    expect(looksLikeReference(' LE-H3 ')).toBe(true);
    expect(looksLikeReference('DEMO-000123')).toBe(true);
    expect(looksLikeReference('Sok Dara')).toBe(false);
    expect(looksLikeReference('012 345 678')).toBe(false);
    expect(looksLikeReference('សុខ')).toBe(false);
  });

  it('marks typed reasons with the language they are written in', () => {
    expect(languageOfText('ស្លាប់នៅផ្ទះ')).toBe('km');
    expect(languageOfText('Died at home (ស្លាប់)')).toBe('km');
    expect(languageOfText('import of households.csv')).toBe('en');
  });

  it('finds a household by its exact reference, or names the field when there is none', async () => {
    const fetchMock = vi.fn(async (url: string) => {
      const items = url.endsWith('ref=h-10') ? [{ householdRef: 'H-10', id: 'id-10' }] : [];
      return new Response(JSON.stringify({ items }), { status: 200 });
    });
    vi.stubGlobal('fetch', fetchMock);
    await expect(householdIdOfRef(' h-10 ', 'change.otherHouseholdId')).resolves.toBe('id-10');
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/registry/households?ref=h-10');
    const missing = householdIdOfRef('H-1', 'change.otherHouseholdId');
    await expect(missing).rejects.toMatchObject({ code: 'not_found' });
    const error = await missing.catch((e: { fieldErrors(): Record<string, string> }) => e.fieldErrors());
    expect(Object.keys(error)).toEqual(['change.otherHouseholdId']);
  });
});
