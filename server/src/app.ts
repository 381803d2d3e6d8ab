import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { ZHealth } from '@mlob/contracts';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppConfig } from './config';
import type { Database } from './db/database';
import { resolveBearer, resolveSession, SESSION_COOKIE } from './domains/identity';
import { DOMAIN_MODULES } from './domains/modules';
import './platform/http/fastify-types';
import { installAccessControl, type RegisteredRoute } from './platform/http/access-hooks';
import type { AppContext } from './platform/http/context';
import { installErrorHandler } from './platform/http/error-handler';
import { registerJobKind } from './platform/jobs/job-kinds';
import { definePolicy } from './platform/policy';

export const VERSION = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
  .version as string;

export interface BuildAppOptions {
  database: Database;
  config: AppConfig;
  logger?: FastifyServerOptions['logger'];
  pokeJobs?: () => void;
}

for (const module of DOMAIN_MODULES) for (const kind of module.jobs ?? []) registerJobKind(kind);

/** Builds the Fastify instance without listening; tests inject requests into it. */
export async function buildApp(options: BuildAppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    // Personal data travels in bodies and query strings: log neither, nor credentials.
    bodyLimit: 50 * 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  // Only routes that ask for it (config.rateLimit) are limited, e.g. the public card check.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Mlob API',
        version: VERSION,
        description: "Cambodia's social registry and social protection platform.",
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installErrorHandler(app);
  const routes: RegisteredRoute[] = installAccessControl(app, {
    async resolveActor(request) {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) return resolveBearer(options.database, header.slice(7));
      const token = request.cookies[SESSION_COOKIE];
      return token ? resolveSession(options.database, token) : null;
    },
  });

  const ctx: AppContext = {
    database: options.database,
    config: options.config,
    pokeJobs: options.pokeJobs ?? (() => undefined),
  };

  app.get(
    '/api/health',
    {
      config: { policy: definePolicy({ name: 'health', allow: 'public', scope: 'none' }) },
      schema: { tags: ['platform'], response: { 200: ZHealth } },
    },
    async () => {
      await options.database.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      return { status: 'ok' as const, database: options.database.engine, version: VERSION };
    },
  );
  for (const module of DOMAIN_MODULES) module.routes?.(app, ctx);

  const webDist = options.config.webDistDir;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: unknown non-API GETs get its index.html.
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({
      code: 'not_found',
      message: `No route ${request.method} ${request.url.split('?')[0]}.`,
      details: [],
    });
  });

  await app.ready();
  return { app, routes };
}
