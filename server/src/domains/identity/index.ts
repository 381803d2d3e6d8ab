export { createApiClient, resolveBearer } from './api-clients.service';
export { authRoutes } from './auth.routes';
export { hashPassword } from './passwords';
export { login, resolveSession, SESSION_COOKIE } from './sessions.service';
export { findUserById } from './users.repo';
export { usersRoutes } from './users.routes';
export { actorForUser, createUser, type NewUser } from './users.service';
