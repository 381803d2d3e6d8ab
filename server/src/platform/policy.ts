import type { InjectOptions } from 'fastify';
import type { Database } from '../db/database';
import type { Actor } from './actor';
import { AppError } from './errors';
import type { Role } from './roles';

/**
 * Who may call a route, and how its data is scoped. Every /api route declares one in
 * `config.policy`; app start-up fails on a route without.
 */
export interface Policy {
  name: string;
  /** 'public': anyone; 'authenticated': any signed-in actor; or the roles allowed. */
  allow: 'public' | 'authenticated' | readonly Role[];
  /**
   * How the route's data is limited. 'area' routes must also give `config.scopeProbe`, so the
   * scope matrix test can prove that out-of-scope reads answer 404.
   */
  scope: 'none' | 'own' | 'area' | 'facility' | 'lab' | 'school';
}

/** Builds a request for the scope matrix: one aimed at data in `villageCode`. */
export type ScopeProbe = (ctx: { database: Database; villageCode: string }) => Promise<InjectOptions>;

/** Declares a policy; a tiny helper so policies read alike across domains. */
export function definePolicy(policy: Policy): Policy {
  return policy;
}

/** Throws unauthenticated or forbidden when the actor may not pass the policy. */
export function authorize(policy: Policy, actor: Actor | null): void {
  if (policy.allow === 'public') return;
  if (!actor) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (policy.allow === 'authenticated') return;
  if (!policy.allow.includes(actor.role)) {
    throw new AppError('forbidden', `Your role (${actor.role}) may not do this (${policy.name}).`);
  }
}

/** True when the actor's role passes the policy (for menus and the route matrix). */
export function isAllowed(policy: Policy, role: Role | null): boolean {
  if (policy.allow === 'public') return true;
  if (role === null) return false;
  return policy.allow === 'authenticated' || policy.allow.includes(role);
}
