# One image for the worker, the gateway, its front, the codec endpoint and the web app (docker-compose.yml picks the command).
FROM node:20.19-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json ./
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY worker ./worker
COPY client ./client
COPY gateway ./gateway
COPY codec ./codec
COPY store ./store
COPY web ./web
COPY identity ./identity
COPY telemetry ./telemetry
COPY temporal ./temporal

USER node
CMD ["npm", "run", "worker"]
