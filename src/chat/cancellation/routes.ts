import { z } from 'zod';
import { verb, type AreaRoutes } from '../routes.js';
import { listCancellationRequests, packagePayload, requestCancellation, requestCancellationPayload, showCancellationForm, showCancellationOptions } from '../handlers/cancellation.js';

/** Cancelling a benefit package, with or without a refund (R8). */
export const cancellationRoutes: AreaRoutes = {
  verbs: {
    cancellationOptions: verb({ payload: z.object({}).loose(), handle: (ctx) => showCancellationOptions(ctx) }),
    cancellationForm: verb({ payload: packagePayload, handle: showCancellationForm }),
    requestCancellation: verb({ payload: requestCancellationPayload, handle: requestCancellation }),
    listCancellationRequests: verb({ payload: z.object({}).loose(), handle: (ctx) => listCancellationRequests(ctx) }),
  },
  commands: {
    cancel: (ctx) => showCancellationOptions(ctx),
    cancellationRequests: (ctx) => listCancellationRequests(ctx),
  },
};
