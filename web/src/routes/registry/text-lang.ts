/**
 * The language of free text people typed (a reason, a comment): Khmer when it holds any Khmer
 * letter, English otherwise, so screen readers and fonts treat it as what it is.
 */
export function langOfText(text: string): 'km' | 'en' {
  return /[\u1780-\u17FF]/.test(text) ? 'km' : 'en';
}
