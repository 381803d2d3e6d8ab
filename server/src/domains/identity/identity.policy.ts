import { definePolicy } from '../../platform/policy';

export const identityPolicies = {
  login: definePolicy({ name: 'auth.login', allow: 'public', scope: 'none' }),
  token: definePolicy({ name: 'auth.token', allow: 'public', scope: 'none' }),
  me: definePolicy({ name: 'auth.me', allow: 'authenticated', scope: 'own' }),
  logout: definePolicy({ name: 'auth.logout', allow: 'authenticated', scope: 'own' }),
  manageUsers: definePolicy({ name: 'users.manage', allow: ['admin'], scope: 'none' }),
  manageClients: definePolicy({ name: 'api_clients.manage', allow: ['admin'], scope: 'none' }),
};
