// Azure resources of Partner Benefits for Teams (`atk provision --env dev` deploys this through arm/deploy),
// in the shape of the Agents Toolkit's bot template, plus what this bot needs: two App Service instances,
// PostgreSQL Flexible Server (STORE=postgres, DATABASE_URL), Key Vault for its secrets, Application Insights.
// Not compiled here (no Bicep compiler on the machine it was written on): see the README.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('App Service plan SKU: P0v3 or above runs two instances with zone-independent scale-out')
param webAppSku string = 'P0v3'

@minValue(2)
@description('App Service instances (the bot keeps no state in memory that another instance needs)')
param instanceCount int = 2

param location string = resourceGroup().location

@maxLength(42)
param botDisplayName string

@description('The bot\'s Microsoft Entra app (aadApp/create): MicrosoftAppId and the tab\'s SSO audience')
param botAadAppClientId string

@secure()
@description('Its client secret: stored in Key Vault only')
param botAadAppClientSecret string

@description('The tenant of the bot\'s Entra app')
param botAadAppTenantId string = subscription().tenantId

@description('PostgreSQL administrator login')
param postgresAdminLogin string = 'benefitsadmin'

@secure()
@description('PostgreSQL administrator password: stored in Key Vault (inside DATABASE_URL) only')
param postgresAdminPassword string

@secure()
@description('BENEFITS_ENCRYPTION_KEY: 32 random bytes in base64 (openssl rand -base64 32)')
param encryptionKey string

@secure()
@description('FULFILMENT_HMAC_SECRET: at least 32 characters (openssl rand -hex 32)')
param fulfilmentHmacSecret string

@description('ALLOWED_TENANT_IDS: the tenants the bot serves (comma-separated); set it in production')
param allowedTenantIds string = botAadAppTenantId

var webAppName = resourceBaseName
var keyVaultName = '${resourceBaseName}-kv'
var postgresName = '${resourceBaseName}-pg'
var databaseName = 'benefits'
// Key Vault's built-in role "Key Vault Secrets User".
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// The identity the web app uses to read its secrets from Key Vault (no secret in app settings).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: resourceBaseName
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource secretBotPassword 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-app-password'
  properties: { value: botAadAppClientSecret }
}

resource secretEncryptionKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'benefits-encryption-key'
  properties: { value: encryptionKey }
}

resource secretHmac 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'fulfilment-hmac-secret'
  properties: { value: fulfilmentHmacSecret }
}

resource secretDatabaseUrl 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
  }
}

resource secretAppInsights 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'appinsights-connection-string'
  properties: { value: appInsights.properties.ConnectionString }
}

resource vaultReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, identity.id, keyVaultSecretsUser)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: postgresName
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// Azure services (the App Service) may connect; nothing else from outside.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  kind: 'linux'
  location: location
  name: resourceBaseName
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: { reserved: true }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'HOST', value: '0.0.0.0' }
        { name: 'PORT', value: '8080' }
        { name: 'WEBSITES_PORT', value: '8080' }
        { name: 'NODE_ENV', value: 'production' }
        { name: 'MicrosoftAppId', value: botAadAppClientId }
        { name: 'MicrosoftAppType', value: 'MultiTenant' }
        { name: 'MicrosoftAppTenantId', value: botAadAppTenantId }
        { name: 'MicrosoftAppPassword', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=bot-app-password)' }
        { name: 'PUBLIC_HOST_NAME', value: '${webAppName}.azurewebsites.net' }
        { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
        { name: 'STORE', value: 'postgres' }
        { name: 'DATABASE_URL', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=database-url)' }
        { name: 'BENEFITS_ENCRYPTION_KEY', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=benefits-encryption-key)' }
        { name: 'FULFILMENT_HMAC_SECRET', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=fulfilment-hmac-secret)' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=appinsights-connection-string)' }
        // A first start imports no demo company: the real inventory comes by `npm run import`.
        { name: 'INVENTORY_SEED_FILE', value: '' }
        { name: 'ACTIVATION_PROCESSOR', value: 'backOffice' }
      ]
    }
  }
  dependsOn: [ vaultReader, database ]
}

// Register the web app as a bot with the Bot Framework, with the Teams channel.
module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botAadAppClientId: botAadAppClientId
    botAadAppTenantId: botAadAppTenantId
    botAppDomain: webApp.properties.defaultHostName
    botDisplayName: botDisplayName
  }
}

// Persisted in env/.env.dev by arm/deploy.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = keyVault.name
output POSTGRES_HOST string = postgres.properties.fullyQualifiedDomainName
