import QRCode from 'qrcode';
import { formatCardNumber, qrPayloadFor } from './card-number';
import type { CardRow, cardMembers } from './cards.repo';
import { ILLUSTRATIVE_NOTICE, khmerDigits, LEVEL_LABELS, newDocument, toBuffer } from './pdf-fonts';

type Member = Awaited<ReturnType<typeof cardMembers>>[number];

const RELATION_KM: Record<string, string> = {
  head: 'មេគ្រួសារ',
  spouse: 'ប្ដី/ប្រពន្ធ',
  child: 'កូន',
  parent: 'ឪពុក/ម្ដាយ',
  sibling: 'បងប្អូន',
  grandchild: 'ចៅ',
  other_relative: 'សាច់ញាតិ',
  non_relative: 'មិនមែនសាច់ញាតិ',
};

/** The QR image: the scheme prefix and the card number, nothing personal. */
export async function cardQrPng(cardNumber: string): Promise<Buffer> {
  return QRCode.toBuffer(qrPayloadFor(cardNumber), { errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

/**
 * A printable Equity Card (A6 landscape): number, level, validity, village, head and
 * members in Khmer script, and a QR code the verification endpoint accepts.
 */
export async function renderCardPdf(options: {
  card: CardRow;
  members: Member[];
  villageNameKm: string;
  villageNameLatin: string;
  isIllustrative: boolean;
}): Promise<Buffer> {
  const { card, members } = options;
  const doc = newDocument({
    size: 'A6',
    layout: 'landscape',
    margins: { top: 18, left: 18, right: 18, bottom: 0 },
    info: { Title: 'Equity Card' },
  });
  const level = LEVEL_LABELS[card.level as 1 | 2];
  const number = formatCardNumber(card.card_number);

  doc.rect(0, 0, doc.page.width, 44).fill('#1d4e89');
  doc.fillColor('#ffffff').font('km').fontSize(15).text('ប័ណ្ណសមធម៌', 18, 8);
  doc.font('latin').fontSize(10).text('Equity Card (IDPoor)', 18, 28);
  doc.font('latin').fontSize(13).text(number, 200, 14, { width: 200, align: 'right' });

  doc.fillColor('#000000');
  let y = 54;
  const line = (km: string, en: string) => {
    doc.font('km').fontSize(10).text(km, 18, y, { width: 250 });
    doc
      .font('latin')
      .fontSize(8)
      .fillColor('#444444')
      .text(en, 18, y + 15, { width: 250 });
    doc.fillColor('#000000');
    y += 28;
  };
  line(level.km, level.en);
  line(
    `មានសុពលភាពពី ${khmerDigits(card.valid_from)} ដល់ ${khmerDigits(card.valid_until)}`,
    `Valid from ${card.valid_from} until ${card.valid_until}`,
  );
  line(`ភូមិ ${options.villageNameKm}`, `Village ${options.villageNameLatin} (${card.village_code})`);

  doc.font('km').fontSize(10).text('សមាជិកគ្រួសារ', 18, y);
  y += 16;
  for (const m of members.slice(0, 8)) {
    // One run per column: the Khmer font has no Latin punctuation to separate them with.
    doc.font('km').fontSize(9);
    doc.text(`${m.family_name_km} ${m.given_name_km}`, 24, y, { width: 120, lineBreak: false });
    doc.text(RELATION_KM[m.relation_to_head] ?? '', 150, y, { width: 80, lineBreak: false });
    doc.text(m.birth_date ? khmerDigits(m.birth_date.slice(0, 4)) : '', 232, y, {
      width: 40,
      lineBreak: false,
    });
    y += 14;
  }
  if (members.length > 8)
    doc
      .font('latin')
      .fontSize(8)
      .text(`+ ${members.length - 8} more`, 24, y);

  const qr = await cardQrPng(card.card_number);
  doc.image(qr, 292, 60, { width: 110 });
  doc
    .font('latin')
    .fontSize(7)
    .fillColor('#444444')
    .text('Scan to verify', 292, 172, { width: 110, align: 'center' });

  if (options.isIllustrative) {
    const bottom = doc.page.height - 34;
    doc.rect(0, bottom - 4, doc.page.width, 38).fill('#fff3cd');
    doc.fillColor('#7a4d00').font('km').fontSize(8).text(ILLUSTRATIVE_NOTICE.km, 18, bottom);
    doc
      .font('latin')
      .fontSize(7)
      .text(ILLUSTRATIVE_NOTICE.en, 18, bottom + 14);
  }
  return toBuffer(doc);
}
