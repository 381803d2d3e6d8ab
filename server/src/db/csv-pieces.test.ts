import { describe, expect, it } from 'vitest';
import { csvPieces } from './csv-pieces';

async function piecesOf(text: string, options: { pieceBytes: number; skipFirstRecord?: boolean }, chunk = 3) {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const out: string[] = [];
  for await (const piece of csvPieces(chunks, options)) out.push(piece.toString('utf8'));
  return out;
}

describe('csvPieces', () => {
  it('cuts only at the end of a record, never inside a quoted newline or a Khmer character', async () => {
    const text = 'a,b\n"x\ny",ស\u200Bុខ\n"say ""hi""\nthere",2\r\nlast,3';
    for (const chunk of [1, 2, 3, 7, 100]) {
      const pieces = await piecesOf(text, { pieceBytes: 1 }, chunk);
      expect(pieces.join('')).toBe(text);
      expect(pieces).toEqual(['a,b\n', '"x\ny",ស\u200Bុខ\n', '"say ""hi""\nthere",2\r\n', 'last,3']);
    }
  });

  it('gathers records up to the piece size and drops the header when asked', async () => {
    const text = 'h1,h2\n1,2\n3,4\n5,6\n';
    for (const chunk of [2, 100])
      expect(await piecesOf(text, { pieceBytes: 8, skipFirstRecord: true }, chunk)).toEqual([
        '1,2\n3,4\n',
        '5,6\n',
      ]);
    expect(await piecesOf('"h\n1",h2\n', { pieceBytes: 8, skipFirstRecord: true })).toEqual([]);
    expect(await piecesOf('only a header', { pieceBytes: 8, skipFirstRecord: true })).toEqual([]);
  });
});
