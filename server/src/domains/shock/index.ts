export { shockPolicies } from './shock.policy';
export { shockRoutes } from './shock.routes';
export { areaRule, createResponse, declareEvent } from './shock.service';
