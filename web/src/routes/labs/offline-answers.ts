import type { AnswerChange, AuditAnswer } from '@mlob/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiPost } from '../../api/client';

/**
 * Audit answers kept in the tablet's browser first, then sent to the server. Each edit gets a
 * change id (crypto.randomUUID) and the device time once, at the moment of the edit, and waits
 * in a per-audit outbox in localStorage until the server has answered for it. Replaying a batch
 * after a dropped connection is safe: the server answers "duplicate" for change ids it has seen.
 */
export interface LocalAnswer {
  answer: AuditAnswer | null;
  comment: string;
  naJustification: string;
  clientAt: string;
}

export interface OutboxEntry extends AnswerChange {
  /** Set when the server refused the change (e.g. N/A without a justification). */
  rejectedBecause?: string;
}

const outboxKey = (auditId: string) => `mlob.labs.outbox.${auditId}`;

function read<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  localStorage.setItem(key, JSON.stringify(value));
}

export function readOutbox(auditId: string): OutboxEntry[] {
  return read<OutboxEntry[]>(outboxKey(auditId), []);
}

/** The latest local edit per item, from the outbox (what the auditor sees before sync). */
export function localAnswers(auditId: string): Record<string, LocalAnswer> {
  const out: Record<string, LocalAnswer> = {};
  for (const c of readOutbox(auditId))
    out[c.itemId] = {
      answer: c.answer,
      comment: c.comment ?? '',
      naJustification: c.naJustification ?? '',
      clientAt: c.clientAt,
    };
  return out;
}

/**
 * Queues edits: each gets a fresh change id and the device time now. One pending change per
 * item: a newer edit replaces an unsent (or refused) older one. Returns the new outbox.
 */
export function queueEdits(
  auditId: string,
  edits: { itemId: string; value: Omit<LocalAnswer, 'clientAt'> }[],
  now = new Date(),
): OutboxEntry[] {
  const clientAt = now.toISOString();
  const changes: OutboxEntry[] = edits.map(({ itemId, value }) => ({
    changeId: crypto.randomUUID(),
    itemId,
    answer: value.answer,
    comment: value.comment || null,
    naJustification: value.answer === 'na' ? value.naJustification || null : null,
    clientAt,
  }));
  const items = new Set(edits.map((e) => e.itemId));
  const next = [...readOutbox(auditId).filter((c) => !items.has(c.itemId)), ...changes];
  write(outboxKey(auditId), next);
  return next;
}

/**
 * Sends every pending (not refused) change once. The server's answer for each change id clears
 * it (applied, duplicate or stale) or marks it refused; edits queued while the request was in
 * flight stay. Throws when the server cannot be reached: the outbox is then unchanged.
 */
export async function sendOutbox(auditId: string): Promise<{ next: OutboxEntry[]; sent: Set<string> }> {
  const pending = readOutbox(auditId).filter((c) => !c.rejectedBecause);
  if (pending.length === 0) return { next: readOutbox(auditId), sent: new Set() };
  const response = await apiPost<{ results: { changeId: string; outcome: string; message?: string }[] }>(
    `/api/labs/audits/${auditId}/answers/sync`,
    { changes: pending.map(({ rejectedBecause: _r, ...change }) => change) },
  );
  const byId = new Map(response.results.map((r) => [r.changeId, r]));
  const next = readOutbox(auditId).flatMap((c) => {
    const result = byId.get(c.changeId);
    if (!result) return [c];
    if (result.outcome === 'rejected') return [{ ...c, rejectedBecause: result.message ?? 'rejected' }];
    return [];
  });
  write(outboxKey(auditId), next);
  return { next, sent: new Set(pending.map((c) => c.changeId)) };
}

/** The outbox, sync state and an `edit` function for one audit. */
export function useOfflineAnswers(auditId: string, options: { isEditable: boolean }) {
  const queryClient = useQueryClient();
  const [outbox, setOutbox] = useState<OutboxEntry[]>(() => readOutbox(auditId));
  const [isOnline, setIsOnline] = useState(() => navigator.onLine);
  const [lastSyncAt, setLastSyncAt] = useState<string | null>(null);
  const isSyncing = useRef(false);

  const sync = useCallback(async () => {
    if (isSyncing.current || !navigator.onLine) return;
    isSyncing.current = true;
    let sent: Set<string> = new Set();
    try {
      const outcome = await sendOutbox(auditId);
      sent = outcome.sent;
      if (outcome.sent.size > 0) {
        setOutbox(outcome.next);
        setLastSyncAt(new Date().toISOString());
        await queryClient.invalidateQueries({ queryKey: ['labs', 'audit', auditId] });
      }
    } catch {
      // Offline or server unreachable: the outbox stays, the next attempt resends it.
    } finally {
      isSyncing.current = false;
    }
    // Edits queued while this batch was in flight go out right away.
    if (navigator.onLine && readOutbox(auditId).some((c) => !c.rejectedBecause && !sent.has(c.changeId)))
      void sync();
  }, [auditId, queryClient]);

  useEffect(() => {
    const online = () => {
      setIsOnline(true);
      void sync();
    };
    const offline = () => setIsOnline(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    const timer = window.setInterval(() => void sync(), 15_000);
    void sync();
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      window.clearInterval(timer);
    };
  }, [sync]);

  const editMany = useCallback(
    (edits: { itemId: string; value: Omit<LocalAnswer, 'clientAt'> }[]) => {
      if (!options.isEditable || edits.length === 0) return;
      setOutbox(queueEdits(auditId, edits));
      void sync();
    },
    [auditId, options.isEditable, sync],
  );
  const edit = useCallback(
    (itemId: string, value: Omit<LocalAnswer, 'clientAt'>) => editMany([{ itemId, value }]),
    [editMany],
  );

  return { outbox, isOnline, lastSyncAt, edit, editMany, sync };
}
