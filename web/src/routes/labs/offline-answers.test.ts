import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queueEdits, readOutbox, sendOutbox } from './offline-answers';

const AUDIT = '11111111-1111-4111-8111-111111111111';
const yes = { answer: 'yes' as const, comment: '', naJustification: '' };

/** A fake server: records each batch it receives and answers per change id. */
function server(
  answer: (changeId: string) => { outcome: string; message?: string },
  options: { loseResponse?: boolean } = {},
) {
  const batches: { changeId: string; itemId: string }[][] = [];
  const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
    const { changes } = JSON.parse(String(init?.body)) as { changes: { changeId: string; itemId: string }[] };
    batches.push(changes);
    if (options.loseResponse) throw new TypeError('network connection was lost');
    const results = changes.map((c) => ({ changeId: c.changeId, ...answer(c.changeId) }));
    return new Response(JSON.stringify({ results }), { status: 200 });
  });
  vi.stubGlobal('fetch', fetch);
  return batches;
}

describe('audit answers kept on the device', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps edits while offline and sends each change once when the connection returns', async () => {
    queueEdits(AUDIT, [
      { itemId: '1.1', value: yes },
      { itemId: '8.9', value: { answer: 'no', comment: 'no QC', naJustification: '' } },
    ]);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    );
    await expect(sendOutbox(AUDIT)).rejects.toBeTruthy();
    expect(readOutbox(AUDIT)).toHaveLength(2);
    const batches = server(() => ({ outcome: 'applied' }));
    await sendOutbox(AUDIT);
    expect(readOutbox(AUDIT)).toEqual([]);
    expect(batches).toHaveLength(1);
    expect(new Set(batches[0]!.map((c) => c.changeId)).size).toBe(2);
  });

  it('resends the same change ids after a lost response, so the server can answer "duplicate"', async () => {
    queueEdits(AUDIT, [{ itemId: '1.1', value: yes }]);
    const lost = server(() => ({ outcome: 'applied' }), { loseResponse: true });
    await expect(sendOutbox(AUDIT)).rejects.toBeTruthy();
    const replay = server(() => ({ outcome: 'duplicate' }));
    await sendOutbox(AUDIT);
    expect(replay[0]!.map((c) => c.changeId)).toEqual(lost[0]!.map((c) => c.changeId));
    expect(readOutbox(AUDIT)).toEqual([]);
  });

  it('replaces an unsent older edit of the same item with the newer one', () => {
    queueEdits(AUDIT, [{ itemId: '1.1', value: yes }], new Date('2026-11-20T08:00:00Z'));
    queueEdits(
      AUDIT,
      [{ itemId: '1.1', value: { ...yes, answer: 'partial' } }],
      new Date('2026-11-20T08:05:00Z'),
    );
    expect(readOutbox(AUDIT).map((c) => [c.itemId, c.answer, c.clientAt])).toEqual([
      ['1.1', 'partial', '2026-11-20T08:05:00.000Z'],
    ]);
  });

  it('keeps a refused change with its reason and does not resend it until corrected', async () => {
    queueEdits(AUDIT, [{ itemId: '9.4', value: { answer: 'na', comment: '', naJustification: '' } }]);
    server(() => ({ outcome: 'rejected', message: 'N/A on 9.4 needs a justification' }));
    await sendOutbox(AUDIT);
    expect(readOutbox(AUDIT)[0]).toMatchObject({
      itemId: '9.4',
      rejectedBecause: 'N/A on 9.4 needs a justification',
    });
    const batches = server(() => ({ outcome: 'applied' }));
    await sendOutbox(AUDIT);
    expect(batches).toHaveLength(0);
    queueEdits(AUDIT, [
      { itemId: '9.4', value: { answer: 'na', comment: '', naJustification: 'one analyser' } },
    ]);
    await sendOutbox(AUDIT);
    expect(readOutbox(AUDIT)).toEqual([]);
  });

  it('keeps edits made while a batch is in flight', async () => {
    queueEdits(AUDIT, [{ itemId: '1.1', value: yes }]);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        queueEdits(AUDIT, [{ itemId: '1.3', value: yes }]); // the auditor keeps working
        const { changes } = JSON.parse(String(init?.body)) as { changes: { changeId: string }[] };
        return new Response(
          JSON.stringify({ results: changes.map((c) => ({ changeId: c.changeId, outcome: 'applied' })) }),
        );
      }),
    );
    await sendOutbox(AUDIT);
    expect(readOutbox(AUDIT).map((c) => c.itemId)).toEqual(['1.3']);
  });
});
