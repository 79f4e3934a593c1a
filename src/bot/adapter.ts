import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import { baseTurn } from './to-incoming-turn.js';
import { t } from '../i18n/index.js';

/** Overrides for tests only: a local OpenID metadata endpoint and locally minted outbound tokens (NOTES.md). */
export interface AuthOverrides {
  openIdMetadataUrl?: string;
  tokenIssuer?: string;
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/**
 * Token validation that answers every failure with 401. botbuilder lets a token whose signature does
 * not verify (with a known key id) escape as a plain error, which the adapter turns into a 500
 * (NOTES.md): a forged token is the caller's fault, never the server's.
 */
class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(`Unauthorized: ${(error as Error).message ?? 'invalid token'}`, 401);
    }
  }
}

/**
 * The CloudAdapter. With MicrosoftAppId set, botbuilder validates every inbound token; unset, it is off
 * (config allows that on loopback only).
 */
export function createAdapter(config: Config, logger: Logger, overrides: AuthOverrides = {}): CloudAdapter {
  const settings = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    ...(overrides.openIdMetadataUrl
      ? {
          ToBotFromChannelOpenIdMetadataUrl: overrides.openIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: overrides.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: overrides.tokenIssuer,
          ValidateAuthority: false,
        }
      : {}),
  };
  const credentials = overrides.credentialsFactory ?? new ConfigurationServiceClientCredentialFactory(settings);
  const adapter = new CloudAdapter(new StrictBotFrameworkAuthentication(settings, credentials));

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const { locale, correlationId } = baseTurn(context.activity);
    logger.error({ err: error, correlationId, activityType: context.activity.type }, 'unhandled turn error');
    try {
      if (context.activity.type === 'message') await context.sendActivity(t(locale, 'error.internal', { correlationId }));
    } catch (sendError) {
      logger.error({ err: sendError, correlationId }, 'could not tell the person about the error');
    }
  };
  return adapter;
}
