import { verb, type AreaRoutes } from '../routes.js';
import { auditFilterPayload, filterAuditTrail, showAuditTrail } from '../handlers/audit-trail.js';

/** The audit trail (Global admin). */
export const auditRoutes: AreaRoutes = {
  verbs: {
    auditTrail: verb({ payload: auditFilterPayload, handle: (ctx, data) => filterAuditTrail(ctx, data) }),
  },
  commands: {
    audit: (ctx, command) => showAuditTrail(ctx, command.argument),
  },
};
