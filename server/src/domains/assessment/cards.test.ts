import { execFileSync } from 'node:child_process';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { todayInCambodia } from '../geography';
import { formatCardNumber, isValidCardNumber } from './card-number';
import { cardQrPng } from './card-pdf';
import { POOR_RURAL } from './testing/answers';
import { insertHousehold } from './testing/households';
import { assessOnDemand, call, validateAndPublish } from './testing/workflow';

const VILLAGE = '02010103';

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
type Card = {
  id: string;
  householdId: string;
  level: number;
  status: string;
  statusReason: string | null;
  supersededByCardId: string | null;
  cardNumber: string;
  qrPayload: string;
  validFrom: string;
  validUntil: string;
};
type Verification = { cardNumber: string; isValid: boolean; level: number | null; validUntil: string | null };

describe.each(ENGINES)('Equity Cards on %s', (engine) => {
  let t: TestApp;
  let who: { commune: { cookie: string }; province: { cookie: string } };
  const today = todayInCambodia();

  beforeAll(async () => {
    t = await createTestApp(engine);
    who = {
      commune: (await t.signedIn({ role: 'commune_officer', areaCodes: ['020101'] })).headers,
      province: (await t.signedIn({ role: 'provincial_officer', areaCodes: ['02'] })).headers,
    };
  });
  afterAll(async () => t?.close());

  async function issuedCard(answers = POOR_RURAL): Promise<Card> {
    const { householdId } = await insertHousehold(t.database, { villageCode: VILLAGE });
    await assessOnDemand(t, who.commune, householdId, answers, today);
    await validateAndPublish(t, who, VILLAGE);
    const { items } = await call<{ items: Card[] }>(
      t,
      who.commune,
      'GET',
      `/api/assessment/cards?householdId=${householdId}`,
    );
    return items[0]!;
  }

  it('issues a card with a valid number, on-demand validity from the rules, and a verifiable QR code', async () => {
    const card = await issuedCard();
    expect(card.status).toBe('active');
    expect(card.cardNumber).toMatch(/^02-\d{9}-\d{2}$/);
    expect(isValidCardNumber(card.cardNumber)).toBe(true);
    expect(card.validFrom).toBe(today);
    const until = new Date(`${today}T00:00:00Z`);
    until.setUTCMonth(until.getUTCMonth() + 24);
    expect(card.validUntil).toBe(until.toISOString().slice(0, 10));

    // QR round trip: the image the card prints decodes to a payload the public endpoint accepts.
    const png = PNG.sync.read(await cardQrPng(card.cardNumber.replace(/-/g, '')));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(card.qrPayload);
    const verification = await call<Verification>(
      t,
      {} as { cookie: string },
      'GET',
      `/api/equity-cards/verify?code=${encodeURIComponent(decoded!.data)}`,
    );
    expect(verification).toEqual({
      cardNumber: card.cardNumber,
      isValid: true,
      level: 2,
      validUntil: card.validUntil,
    });
  });

  it('limits the public verification per client address, in the one error shape', async () => {
    const card = await issuedCard();
    const ask = (remoteAddress: string) =>
      t.app.inject({ method: 'GET', url: `/api/equity-cards/verify?code=${card.cardNumber}`, remoteAddress });
    for (let i = 0; i < 60; i++) expect((await ask('198.51.100.7')).statusCode).toBe(200);
    const refused = await ask('198.51.100.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'too_many_requests', details: [] });
    expect((await ask('198.51.100.8')).statusCode).toBe(200);
  });

  it('answers the verification with nothing but validity, level and date; bad check digits are invalid', async () => {
    const card = await issuedCard();
    const typed = await call<Verification>(
      t,
      {} as { cookie: string },
      'GET',
      `/api/equity-cards/verify?code=${card.cardNumber}`,
    );
    expect(Object.keys(typed).sort()).toEqual(['cardNumber', 'isValid', 'level', 'validUntil']);
    const last = card.cardNumber.at(-1)!;
    const wrong = `${card.cardNumber.slice(0, -1)}${(Number(last) + 1) % 10}`;
    expect(
      await call<Verification>(t, {} as { cookie: string }, 'GET', `/api/equity-cards/verify?code=${wrong}`),
    ).toEqual({
      cardNumber: wrong,
      isValid: false,
      level: null,
      validUntil: null,
    });
  });

  it('renders the printable card as a PDF', async () => {
    const card = await issuedCard();
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/assessment/cards/${card.id}/card.pdf`,
      headers: who.commune,
    });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(response.rawPayload.length).toBeGreaterThan(5000);
    // With poppler installed, the text layer carries the Khmer and the ILLUSTRATIVE notice.
    // (Shaped Khmer clusters may come out of a PDF's text layer reordered; the page looks right.)
    if (hasPdftotext()) {
      const text = execFileSync('pdftotext', ['-', '-'], { input: response.rawPayload }).toString();
      expect(text).toContain(card.cardNumber);
      expect(text).toContain('មានសុពលភាពពី');
      expect(text).toContain('ILLUSTRATIVE scoring model');
    }
  });

  it('supersedes the old card when a re-assessment is published', async () => {
    const first = await issuedCard();
    await assessOnDemand(
      t,
      who.commune,
      first.householdId,
      { ...POOR_RURAL, serious_illness: true, heavy_debt: true },
      today,
    );
    await validateAndPublish(t, who, VILLAGE);
    const { items } = await call<{ items: Card[] }>(
      t,
      who.commune,
      'GET',
      `/api/assessment/cards?householdId=${first.householdId}`,
    );
    const old = items.find((c) => c.id === first.id)!;
    const current = items.find((c) => c.id !== first.id)!;
    expect(old.status).toBe('superseded');
    expect(old.supersededByCardId).toBe(current.id);
    expect(current).toMatchObject({ status: 'active', level: 1 });
    const check = await call<Verification>(
      t,
      {} as { cookie: string },
      'GET',
      `/api/equity-cards/verify?code=${old.cardNumber}`,
    );
    expect(check.isValid).toBe(false);
  });

  it('supersedes without a new card when the household is no longer poor', async () => {
    const first = await issuedCard();
    await assessOnDemand(
      t,
      who.commune,
      first.householdId,
      { ...POOR_RURAL, roof_material: 'concrete', transport: ['car'] },
      today,
    );
    await validateAndPublish(t, who, VILLAGE);
    const card = await call<Card>(t, who.commune, 'GET', `/api/assessment/cards/${first.id}`);
    expect(card).toMatchObject({ status: 'superseded', supersededByCardId: null });
  });

  it('revokes only after a warning and its period, by the province', async () => {
    const card = await issuedCard();
    await call(
      t,
      who.province,
      'POST',
      `/api/assessment/cards/${card.id}/revoke`,
      { reason: 'Moved abroad' },
      [409],
    );
    await call(
      t,
      who.commune,
      'POST',
      `/api/assessment/cards/${card.id}/revoke`,
      { reason: 'Moved abroad' },
      [403],
    );
    const warned = await call<{ warningReason: string }>(
      t,
      who.commune,
      'POST',
      `/api/assessment/cards/${card.id}/warn`,
      { reason: 'Reported moved abroad' },
    );
    expect(warned.warningReason).toBe('Reported moved abroad');
    await call(
      t,
      who.province,
      'POST',
      `/api/assessment/cards/${card.id}/revoke`,
      { reason: 'Moved abroad' },
      [409],
    );
    await t.database.db
      .updateTable('equity_card')
      .set({ warning_at: new Date(Date.now() - 31 * 86_400_000) })
      .where('id', '=', card.id)
      .execute();
    const revoked = await call<Card>(t, who.province, 'POST', `/api/assessment/cards/${card.id}/revoke`, {
      reason: 'Moved abroad',
    });
    expect(revoked).toMatchObject({ status: 'revoked', statusReason: 'Moved abroad' });
    expect(
      (
        await call<Verification>(
          t,
          {} as { cookie: string },
          'GET',
          `/api/equity-cards/verify?code=${card.cardNumber}`,
        )
      ).isValid,
    ).toBe(false);
  });

  it('expires cards past their validity', async () => {
    const card = await issuedCard();
    await t.database.db
      .updateTable('equity_card')
      .set({ valid_from: '2020-01-01', valid_until: '2021-01-01' })
      .where('id', '=', card.id)
      .execute();
    expect(
      (
        await call<Verification>(
          t,
          {} as { cookie: string },
          'GET',
          `/api/equity-cards/verify?code=${card.cardNumber}`,
        )
      ).isValid,
    ).toBe(false);
    const national = (await t.signedIn({ role: 'national_officer' })).headers;
    const { expired } = await call<{ expired: number }>(t, national, 'POST', '/api/assessment/cards/expire');
    expect(expired).toBeGreaterThanOrEqual(1);
    const after = await call<Card>(t, who.commune, 'GET', `/api/assessment/cards/${card.id}`);
    expect(after).toMatchObject({ status: 'expired', statusReason: 'Validity ended on 2021-01-01' });
    expect(formatCardNumber(after.cardNumber.replace(/-/g, ''))).toBe(card.cardNumber);
  });
});
