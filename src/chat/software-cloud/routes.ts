import { z } from '../../lib/zod.js';
import { verb, type AreaRoutes } from '../routes.js';
import { assignMyself } from './azure.js';
import { getKeys } from './keys.js';

/** Card data is untrusted (STYLE.md 4): ids are checked for shape here and for existence by the use case. */
const id = z.string().trim().min(1).max(128);

/** Get keys on a software row (R3.2) or a license-based cloud row (R4.3). */
export const getKeysPayload = z.object({ benefitId: id, confirmed: z.boolean().optional() }).loose();

/** R3.3: the language and OS chosen on the keys card (the card's Input.ChoiceSet values). */
export const downloadsPayload = z.object({ benefitId: id, language: z.string().trim().min(1).max(35), os: z.string().trim().min(1).max(35) }).loose();

/** R4.2: Assign myself on a usage-based (Azure) row. */
export const assignSelfPayload = z.object({ benefitId: id }).loose();

/** Software and cloud benefits: keys and downloads (R3), Azure subscriptions (R4). */
export const softwareCloudRoutes: AreaRoutes = {
  verbs: {
    getSoftwareKeys: verb({ payload: getKeysPayload, handle: (ctx, data) => getKeys(ctx, 'software', data.benefitId, undefined, data.confirmed === true) }),
    softwareDownloads: verb({ payload: downloadsPayload, handle: (ctx, data) => getKeys(ctx, 'software', data.benefitId, { language: data.language, os: data.os }) }),
    getCloudKeys: verb({ payload: getKeysPayload, handle: (ctx, data) => getKeys(ctx, 'cloud', data.benefitId) }),
    assignCloudToSelf: verb({ payload: assignSelfPayload, handle: (ctx, data) => assignMyself(ctx, data.benefitId) }),
  },
};
