import type { Role } from './roles';
import type { Scope } from './scope';

/** Who is acting: a signed-in user, an API client, or the system itself (CLI, jobs, seed). */
export interface Actor {
  kind: 'user' | 'client' | 'system';
  id: string;
  /** Username or client id; never a person's name from the registry. */
  name: string;
  role: Role;
  scope: Scope;
}

/** The system actor used by the CLI and by jobs started without a user. */
export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: 'system',
  name: 'system',
  role: 'admin',
  scope: { kind: 'national' },
};
