const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/u;
const ZWSP = '\u200B';
const segmenter = new Intl.Segmenter('km', { granularity: 'word' });

/**
 * Khmer writes words without spaces, and pdfkit breaks lines only where Unicode line breaking
 * allows (spaces, for Khmer). Inserts a zero-width space between two Khmer words (ICU's
 * dictionary word boundaries) so a long phrase wraps between words, never inside one.
 * Text with no Khmer comes back unchanged.
 */
export function withKhmerBreaks(text: string): string {
  if (!KHMER.test(text)) return text;
  let out = '';
  let previous = '';
  for (const { segment } of segmenter.segment(text)) {
    if (previous && KHMER.test(previous.at(-1) ?? '') && KHMER.test(segment[0] ?? '')) out += ZWSP;
    out += segment;
    previous = segment;
  }
  return out;
}
