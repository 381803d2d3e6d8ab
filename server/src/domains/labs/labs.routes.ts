import type { AppContext, ZodApp } from '../../platform/http/context';
import { auditsRoutes } from './audits/audits.routes';
import { ncsRoutes } from './ncs/ncs.routes';
import { remindersRoutes } from './ncs/reminders.routes';
import { labsNetworkRoutes } from './network/labs.routes';
import { dashboardRoutes } from './quality/dashboard.routes';
import { qualityRoutes } from './quality/quality.routes';

/** Every /api/labs route. */
export function labsRoutes(app: ZodApp, ctx: AppContext): void {
  labsNetworkRoutes(app, ctx);
  auditsRoutes(app, ctx);
  ncsRoutes(app, ctx);
  remindersRoutes(app, ctx);
  qualityRoutes(app, ctx);
  dashboardRoutes(app, ctx);
}
