import {
  ZDuplicateCandidate,
  ZDuplicateDecision,
  ZImportIssuePage,
  ZImportIssueQuery,
  ZImportReportQuery,
  ZImportRun,
  ZImportUpload,
} from '@mlob/contracts';
import { z } from 'zod';
import { notFound } from '../../platform/errors';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf, auditContextOf } from '../../platform/http/context';
import { enqueueJob } from '../../platform/jobs/jobs.service';
import { definePolicy } from '../../platform/policy';
import * as dedup from './dedup/dedup.service';
import { exportMembersCsv, exportMembersXlsx } from './export/export.service';
import {
  countImportIssues,
  importIssuesPage,
  importReportCsv,
  importScope,
  stageImport,
} from './import/import.service';
import { registryPolicies } from './registry.policy';
import { presentImportRun, presentMember } from './registry.presenter';
import { insertProbeDuplicate } from './registry.probes';
import * as repo from './registry.repo';

const tags = ['registry'];
/** An import run is its starter's (admins see all); not area-bound, so scope 'own'. */
const importRead = definePolicy({
  name: 'registry.import.read',
  allow: registryPolicies.importFiles.allow,
  scope: 'own',
});

/** Upload-and-import with progress, the import report, export, and the duplicate review queue. */
export function registryFilesRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  /** The run, if the actor may read it (its starter, or an admin); else not found. */
  async function readableRun(id: string, actor: ReturnType<typeof actorOf>) {
    const run = await database.db
      .selectFrom('import_run')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!run || (actor.role !== 'admin' && run.created_by !== actor.id)) throw notFound('Import run');
    return run;
  }

  async function runFor(id: string, actor: ReturnType<typeof actorOf>) {
    return presentImportRun(await readableRun(id, actor), await countImportIssues(database, id));
  }

  app.post(
    '/api/registry/imports',
    {
      config: { policy: registryPolicies.importFiles },
      schema: {
        tags,
        description:
          "Upload households.csv and members.csv (or one XLSX). The files are read at once (a file that cannot be read is a 400); a job then checks every row and writes the valid households. Its progress is at /api/jobs/{jobId}; the run's phase says what it counts.",
        body: ZImportUpload,
        response: { 202: ZImportRun },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      const input = body.xlsxBase64
        ? { xlsx: Buffer.from(body.xlsxBase64, 'base64'), name: body.fileName }
        : {
            households: { text: body.householdsCsv ?? '' },
            members: { text: body.membersCsv ?? '' },
            householdsName: `${body.fileName}#households.csv`,
            membersName: `${body.fileName}#members.csv`,
          };
      const { runId } = await stageImport({ database, actor, input });
      const job = await enqueueJob({
        database,
        actor,
        kind: 'registry.import',
        params: { runId, scopeAreaCodes: importScope(actor) },
      });
      await database.db.updateTable('import_run').set({ job_id: job.id }).where('id', '=', runId).execute();
      ctx.pokeJobs();
      return reply.status(202).send(await runFor(runId, actor));
    },
  );

  app.get(
    '/api/registry/imports/:id',
    {
      config: { policy: importRead },
      schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: ZImportRun } },
    },
    async (request) => runFor(request.params.id, actorOf(request)),
  );

  app.get(
    '/api/registry/imports/:id/report.csv',
    {
      config: { policy: importRead },
      schema: {
        tags,
        description:
          'Every problem found: file,row,column,value,reason, the reasons in English (default) or Khmer (lang=km); values that a spreadsheet would run as a formula are neutralised.',
        params: z.object({ id: z.uuid() }),
        querystring: ZImportReportQuery,
      },
    },
    async (request, reply) => {
      await readableRun(request.params.id, actorOf(request));
      const { lang } = request.query;
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="import-report-${request.params.id}${lang === 'en' ? '' : `-${lang}`}.csv"`,
        )
        .send(`\uFEFF${await importReportCsv(database, request.params.id, lang)}`);
    },
  );

  app.get(
    '/api/registry/imports/:id/issues',
    {
      config: { policy: importRead },
      schema: {
        tags,
        description:
          "A page of the run's problems in the report's order, each with its reason's code and arguments (IMPORT_REASONS) for the reader's language.",
        params: z.object({ id: z.uuid() }),
        querystring: ZImportIssueQuery,
        response: { 200: ZImportIssuePage },
      },
    },
    async (request) => {
      await readableRun(request.params.id, actorOf(request));
      return importIssuesPage(database, request.params.id, request.query);
    },
  );

  app.get(
    '/api/registry/export/members',
    {
      config: { policy: registryPolicies.exportFiles },
      schema: {
        tags,
        description:
          'Members in the import format (plus village, status, death date) of an area or of a search result (q, at most 10,000), within scope; formulas neutralised.',
        querystring: z.object({
          area: z
            .string()
            .regex(/^([0-9]{2}){1,4}$/)
            .optional(),
          q: z.string().trim().max(100).optional(),
          format: z.enum(['csv', 'xlsx']).default('csv'),
        }),
      },
    },
    async (request, reply) => {
      const { area, q } = request.query;
      const options = { database, actor: actorOf(request), area, q };
      const name = `members-${area ?? 'all'}${q ? '-search' : ''}`;
      if (request.query.format === 'xlsx') {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await exportMembersXlsx(options));
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(`\uFEFF${await exportMembersCsv(options)}`);
    },
  );

  app.post(
    '/api/registry/duplicates/run',
    {
      config: { policy: registryPolicies.dedupRun },
      schema: {
        tags,
        description: 'Start duplicate detection over the whole registry (a job).',
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (request, reply) => {
      const job = await enqueueJob({ database, actor: actorOf(request), kind: 'registry.dedup', params: {} });
      ctx.pokeJobs();
      return reply.status(202).send({ jobId: job.id });
    },
  );

  const ZQueueQuery = z.object({
    status: z.enum(['open', 'merged', 'dismissed', 'unmerged']).default('open'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  });

  async function presentCandidate(row: {
    id: number;
    score: number;
    reasons: string[];
    status: string;
    member_a_id: string;
    member_b_id: string;
  }) {
    const actor = {
      kind: 'system',
      id: 'system',
      name: 'system',
      role: 'admin',
      scope: { kind: 'national' },
    } as const;
    const [a, b] = await Promise.all([
      repo.findMemberInScope(database.db, row.member_a_id, actor.scope),
      repo.findMemberInScope(database.db, row.member_b_id, actor.scope),
    ]);
    if (!a || !b) throw notFound('Duplicate candidate');
    const side = (m: NonNullable<typeof a>) => ({
      ...presentMember(m),
      householdRef: m.household_ref,
      villageCode: m.village_code,
      matchedBy: 'duplicate',
    });
    return {
      id: row.id,
      score: row.score,
      reasons: row.reasons,
      status: row.status as 'open',
      a: side(a),
      b: side(b),
    };
  }

  app.get(
    '/api/registry/duplicates',
    {
      config: { policy: registryPolicies.dedupReview },
      schema: {
        tags,
        description: 'The review queue: candidate pairs in scope, best first.',
        querystring: ZQueueQuery,
        response: { 200: z.object({ items: z.array(ZDuplicateCandidate) }) },
      },
    },
    async (request) => {
      const rows = await dedup.listCandidates({ database, actor: actorOf(request), ...request.query });
      return { items: await Promise.all(rows.map(presentCandidate)) };
    },
  );

  app.post(
    '/api/registry/duplicates/:id/decision',
    {
      config: {
        policy: registryPolicies.dedupReview,
        scopeProbe: async ({ database: db, villageCode }) => {
          const { candidateId } = await insertProbeDuplicate(db, villageCode);
          return {
            method: 'POST',
            url: `/api/registry/duplicates/${candidateId}/decision`,
            payload: { decision: 'dismiss', reason: 'scope probe' },
          };
        },
      },
      schema: {
        tags,
        description: 'Merge (reversible), dismiss, or undo a merge.',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: ZDuplicateDecision,
        response: { 200: ZDuplicateCandidate },
      },
    },
    async (request) => {
      const row = await dedup.decideCandidate({
        database,
        audit: auditContextOf(request),
        id: request.params.id,
        ...request.body,
      });
      return presentCandidate(row);
    },
  );
}
