# syntax=docker/dockerfile:1
# The truly-open GitHub App. Build: docker build -t truly-open .
# Run:  docker run -p 3000:3000 -e APP_ID -e PRIVATE_KEY -e WEBHOOK_SECRET truly-open
# See docs/deploy.md.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/bundle-cli.mjs ./scripts/
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Code and dependencies stay owned by root and read-only to the app: a compromised process
# running as `node` (uid 1000, ships with the image) cannot rewrite what it runs.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/lib ./lib
COPY app.yml ./
# The journal of work not finished yet (docs/deploy.md, "No check run left in progress"):
# the only folder the app writes. Mount a volume here to keep it across redeploys.
RUN mkdir -p /var/lib/truly-open && chown node:node /var/lib/truly-open
ENV TRULY_OPEN_STATE_DIR=/var/lib/truly-open
USER node
EXPOSE 3000
# Probot answers GET /ping with "PONG"; node:20-slim has no curl, so node itself checks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Node runs as PID 1 and gets `docker stop`'s SIGTERM: the app handles it, lets running
# evaluations finish for up to 20 s and closes any check run still open. Give it that
# long: `docker stop -t 30`, or `stop_grace_period: 30s` in Compose (see docs/deploy.md).
STOPSIGNAL SIGTERM
CMD ["node", "lib/app/start.js"]
