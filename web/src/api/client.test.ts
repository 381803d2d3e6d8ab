import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withReasons } from '../i18n';
import en from '../i18n/en.json';
import km from '../i18n/km.json';
import { ApiError, apiGet, apiPost, detailText } from './client';

function answer(status: number, body: unknown) {
  return vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status }));
}

describe('api client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('turns the server error shape into an ApiError naming each field', async () => {
    vi.stubGlobal(
      'fetch',
      answer(400, {
        code: 'validation_failed',
        message: 'body.reason: Say why the class changes',
        details: [
          { path: ['body', 'reason'], message: 'Say why the class changes' },
          { path: ['body', 'members', 3, 'birthDate'], message: 'Not a date' },
        ],
      }),
    );
    const error = await apiPost('/api/x', { reason: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.fieldErrors()).toEqual({
      reason: 'Say why the class changes',
      'members.3.birthDate': 'Not a date',
    });
  });

  it('says a field problem of a known kind in Khmer, and keeps the server English otherwise', async () => {
    await i18next.init({ lng: 'km', resources: { en: { translation: en }, km: { translation: km } } });
    const error = new ApiError(400, 'validation_failed', 'body.reason: Say why', [
      { path: ['body', 'reason'], message: 'Say why', code: 'too_short', params: { minimum: 3 } },
      { path: ['body', 'levels'], message: 'Choose at least one level', code: 'required' },
      { path: ['body', 'levels'], message: 'a second problem of the same field is not shown' },
      { path: ['body', 'effectiveFrom'], message: 'Levels go upwards' },
      { path: ['body', 'phone'], message: 'Odd', code: 'no_such_kind' },
    ]);
    expect(error.fieldProblems()).toEqual([
      { field: 'reason', text: 'យ៉ាងហោចណាស់ 3 តួអក្សរ', lang: 'km' },
      { field: 'levels', text: 'ត្រូវតែបំពេញ', lang: 'km' },
      { field: 'effectiveFrom', text: 'Levels go upwards', lang: 'en' },
      { field: 'phone', text: 'Odd', lang: 'en' },
    ]);
    await i18next.changeLanguage('en');
    expect(error.fieldErrors()).toEqual({
      reason: 'Say why',
      levels: 'Choose at least one level',
      effectiveFrom: 'Levels go upwards',
      phone: 'Odd',
    });
  });

  it("says a domain's refusal in Khmer from its catalogue, on the field and as the message", async () => {
    const registry = withReasons({ en: {}, km: { memberStatus: { deceased: 'ស្លាប់' } } }, 'registry', {
      member_not_active: { status: 'memberStatus' },
    });
    await i18next.init({
      lng: 'km',
      resources: {
        en: { translation: en, registry: registry.en },
        km: { translation: km, registry: registry.km },
      },
    });
    vi.stubGlobal(
      'fetch',
      answer(409, {
        code: 'conflict',
        message: 'Member M-7 is deceased.',
        details: [
          {
            path: ['change', 'memberId'],
            message: 'Member M-7 is deceased.',
            code: 'registry.member_not_active',
            params: { ref: 'M-7', status: 'deceased' },
          },
        ],
        reason: { code: 'registry.member_not_active', params: { ref: 'M-7', status: 'deceased' } },
      }),
    );
    const error = (await apiPost('/api/x').catch((e: unknown) => e)) as ApiError;
    // The stored status is said in the reader's words too.
    const khmer = { text: 'សមាជិក M-7 លែងសកម្មហើយ (ស្លាប់)។', lang: 'km' };
    expect(error.fieldProblems()).toEqual([{ field: 'change.memberId', ...khmer }]);
    expect(error.messageText()).toEqual(khmer);
    // A stored code with no word for it stays as sent.
    expect(
      new ApiError(409, 'conflict', 'Member M-7 is lost.', [], {
        code: 'registry.member_not_active',
        params: { ref: 'M-7', status: 'lost' },
      }).messageText(),
    ).toEqual({ text: 'សមាជិក M-7 លែងសកម្មហើយ (lost)។', lang: 'km' });
    // A schema's own check, told by the server from its message (sentence-catalogues.ts).
    expect(detailText({ message: 'Write this name in Khmer script', code: 'registry.khmer_script' })).toEqual(
      { text: 'សូមសរសេរឈ្មោះនេះជាអក្សរខ្មែរ', lang: 'km' },
    );
    // A code no catalogue has keeps the English; English readers get the server's sentence.
    expect(
      new ApiError(409, 'conflict', 'Odd.', [], { code: 'registry.no_such', params: {} }).messageText(),
    ).toEqual({
      text: 'Odd.',
      lang: 'en',
    });
    await i18next.changeLanguage('en');
    expect(error.messageText()).toEqual({ text: 'Member M-7 is deceased.', lang: 'en' });
  });

  it('sends JSON with same-origin credentials and builds the query string', async () => {
    const fetchMock = answer(200, { items: [] });
    vi.stubGlobal('fetch', fetchMock);
    await apiGet('/api/geography/search', { q: 'បាត់ដំបង', level: 2, empty: '', none: undefined });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/geography/search?q=${encodeURIComponent('បាត់ដំបង')}&level=2`);
    expect(init.credentials).toBe('same-origin');
  });

  it('reports an unreachable server and a non-JSON failure distinctly', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(apiGet('/api/health')).rejects.toMatchObject({ code: 'network', status: 0 });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    await expect(apiGet('/api/health')).rejects.toMatchObject({ code: 'internal', status: 502 });
  });

  it('resolves 204 as undefined', async () => {
    vi.stubGlobal('fetch', answer(204, undefined));
    await expect(apiPost('/api/auth/logout')).resolves.toBeUndefined();
  });
});
