import { verb, type AreaRoutes } from '../routes.js';
import { downloadsPayload, getKeys, getKeysPayload } from '../handlers/product-keys.js';
import { assignCloudToSelf, assignSelfPayload } from '../handlers/cloud-assignment.js';

/** Software and cloud benefits: keys and downloads (R3), Azure subscriptions (R4). */
export const softwareCloudRoutes: AreaRoutes = {
  verbs: {
    getSoftwareKeys: verb({ payload: getKeysPayload, handle: (ctx, data) => getKeys(ctx, 'software', data.benefitId) }),
    softwareDownloads: verb({ payload: downloadsPayload, handle: (ctx, data) => getKeys(ctx, 'software', data.benefitId, { language: data.language, os: data.os }) }),
    getCloudKeys: verb({ payload: getKeysPayload, handle: (ctx, data) => getKeys(ctx, 'cloud', data.benefitId) }),
    assignCloudToSelf: verb({ payload: assignSelfPayload, handle: (ctx, data) => assignCloudToSelf(ctx, data.benefitId) }),
  },
};
