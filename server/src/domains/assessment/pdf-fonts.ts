import PDFDocument from 'pdfkit';

/**
 * Fonts for printed cards and lists: Noto Sans Khmer (SIL OFL, fonts/OFL.txt), shipped as
 * TTF converted from @fontsource/noto-sans-khmer: one file with the Khmer glyphs, one with
 * the Latin ones. Each text run is written in one script with its font.
 */
const FONT_DIR = new URL('./fonts/', import.meta.url).pathname;
export const KHMER_FONT = `${FONT_DIR}NotoSansKhmer-Regular-khmer.ttf`;
export const LATIN_FONT = `${FONT_DIR}NotoSansKhmer-Regular-latin.ttf`;

let isPatched = false;

/**
 * fontkit (pdfkit's shaper) crashes on a NULL anchor in a GPOS mark-to-base record, which
 * Noto Sans Khmer has; OpenType says such a mark is simply not attached, so skip it. The
 * rest of Khmer shaping (coeng subscripts, pre-base vowel reordering) is fontkit's own.
 */
function patchNullAnchors(doc: PDFKit.PDFDocument) {
  if (isPatched) return;
  const font = (
    doc as unknown as { _font: { font: { layout(s: string): unknown; _layoutEngine?: unknown } } }
  )._font.font;
  font.layout('ក');
  const engine = (font._layoutEngine as { engine?: { GPOSProcessor?: object } } | undefined)?.engine;
  const gpos = engine?.GPOSProcessor;
  if (!gpos) return;
  const proto = Object.getPrototypeOf(gpos) as {
    applyAnchor: (
      this: unknown,
      markRecord: { markAnchor?: unknown } | null,
      baseAnchor: unknown,
      i: number,
    ) => void;
  };
  const original = proto.applyAnchor;
  proto.applyAnchor = function (markRecord, baseAnchor, i) {
    if (!baseAnchor || !markRecord?.markAnchor) return;
    original.call(this, markRecord, baseAnchor, i);
  };
  isPatched = true;
}

/** A PDF document with the fonts registered as 'km' and 'latin'. */
export function newDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument({ ...options, info: { Producer: 'Mlob', Creator: 'Mlob', ...options.info } });
  doc.registerFont('km', KHMER_FONT);
  doc.registerFont('latin', LATIN_FONT);
  doc.font('km');
  patchNullAnchors(doc);
  doc.font('latin');
  return doc;
}

/** Collects a finished document into one buffer. */
export function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';

/** Western digits to Khmer digits, for numbers in Khmer text. */
export function khmerDigits(value: string | number): string {
  return String(value).replace(/[0-9]/g, (d) => KHMER_DIGITS[Number(d)]!);
}

export const LEVEL_LABELS = {
  1: { km: 'កម្រិត ១ (ក្រីក្រខ្លាំង)', en: 'Level 1 (very poor)' },
  2: { km: 'កម្រិត ២ (ក្រីក្រ)', en: 'Level 2 (poor)' },
} as const;

export const ILLUSTRATIVE_NOTICE = {
  km: 'គំរូពិន្ទុបង្ហាញប៉ុណ្ណោះ មិនមែនជាប័ណ្ណផ្លូវការទេ',
  en: 'ILLUSTRATIVE scoring model — not an official card',
};
