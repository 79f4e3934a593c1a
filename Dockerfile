# syntax=docker/dockerfile:1
# Partner Benefits for Teams as a container (App Service for Containers, Container Apps, any OCI host).
# Multi-stage: the build stage compiles TypeScript with every dependency; the image has the compiled
# code, the production dependencies only, and runs as the unprivileged `node` user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
RUN npm run build

FROM node:20-bookworm-slim AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/var/lib/partner-benefits/data \
    ENCRYPTION_KEY_FILE=/var/lib/partner-benefits/secrets/benefits-encryption.key
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY cards ./cards
COPY schema ./schema
COPY tab ./tab
COPY demo ./demo
RUN mkdir -p /var/lib/partner-benefits/data /var/lib/partner-benefits/secrets \
 && chown -R node:node /var/lib/partner-benefits
USER node
EXPOSE 8080
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--disable-warning=DEP0111", "dist/src/index.js"]
