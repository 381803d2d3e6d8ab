/// <reference types="@fastify/cookie" />
import type { Actor } from '../actor';
import type { Policy, ScopeProbe } from '../policy';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /api route; start-up fails without it. */
    policy?: Policy;
    /** Required on routes whose policy scope is 'area': a request aimed at one village's data. */
    scopeProbe?: ScopeProbe;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}
