const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * Cuts CSV bytes into pieces of about `pieceBytes` that each end at the end of a record, so
 * each piece can be given to its own COPY. A newline inside a quoted value does not end a
 * record: quotes are counted from the start (an escaped quote, `""`, counts twice, so the
 * count stays right), on bytes, since no byte of a multi-byte UTF-8 character is a quote or a
 * newline. `skipFirstRecord` drops the header line. The last piece may end without a newline.
 */
export async function* csvPieces(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: { pieceBytes: number; skipFirstRecord?: boolean },
): AsyncGenerator<Buffer<ArrayBuffer>> {
  let carry: Buffer<ArrayBuffer> = Buffer.alloc(0);
  let scanned = 0;
  let isQuoted = false;
  let isHeaderDue = options.skipFirstRecord === true;
  for await (const chunk of source) {
    carry = carry.length === 0 ? Buffer.from(chunk) : Buffer.concat([carry, chunk]);
    for (let i = scanned; i < carry.length; i += 1) {
      const byte = carry[i];
      if (byte === QUOTE) isQuoted = !isQuoted;
      else if (byte === NEWLINE && !isQuoted && (isHeaderDue || i + 1 >= options.pieceBytes)) {
        if (!isHeaderDue) yield carry.subarray(0, i + 1);
        isHeaderDue = false;
        carry = carry.subarray(i + 1);
        i = -1;
      }
    }
    scanned = carry.length;
  }
  if (isHeaderDue) return;
  if (carry.length > 0) yield carry;
}
