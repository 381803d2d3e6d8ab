import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';
import type { Actor } from '../actor';
import type { Policy } from '../policy';

export interface JobProgress<C> {
  done: number;
  total?: number | null;
  checkpoint: C;
}

export interface JobContext<P, C> {
  jobId: string;
  params: P;
  /** Where the last run stopped; null on a fresh start. */
  checkpoint: C | null;
  database: Database;
  /** Who asked for the job (the system actor when started by the CLI). */
  actor: Actor;
  /**
   * Saves progress and checkpoint in the transaction that did the chunk's work, so a chunk
   * and its checkpoint commit together. Throws JobLostError when another process has taken
   * the job over, which rolls the chunk back.
   */
  saveProgress(trx: Transaction<DB>, progress: JobProgress<C>): Promise<void>;
  /**
   * Shows progress inside one long transaction, whose own writes nobody sees until it
   * commits: written on another connection, with no checkpoint, in the order given. Inside
   * a transaction never await it (on the embedded engine its single connection is busy with
   * that transaction); outside one, awaiting it makes sure the report is written.
   */
  reportProgress(progress: { done: number; total?: number | null }): Promise<void>;
  /** Aborted when the process is stopping or the job was taken over. */
  signal: AbortSignal;
}

/** A kind of long operation. Handlers must be resumable from their checkpoint. */
export interface JobKind<P = unknown, C = unknown, R = unknown> {
  kind: string;
  /** Who may start it through the API and see it. */
  policy: Policy;
  params: z.ZodType<P>;
  run(ctx: JobContext<P, C>): Promise<R>;
}

const kinds = new Map<string, JobKind>();

/** Registers a job kind; domains call this from their index.ts. */
export function registerJobKind<P, C, R>(kind: JobKind<P, C, R>): void {
  kinds.set(kind.kind, kind as unknown as JobKind);
}

export function getJobKind(kind: string): JobKind | undefined {
  return kinds.get(kind);
}

export function listJobKinds(): string[] {
  return [...kinds.keys()].sort();
}

export class JobLostError extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId} was taken over by another process`);
    this.name = 'JobLostError';
  }
}
