# net-wizard with Node 20 and terraform, for users with Docker (see docker-compose.yml and the
# README, "Docker"). Base images by exact version; to pin their digests as well, take them from
# `docker buildx imagetools inspect <image>` and write `<image>@sha256:…`.
FROM hashicorp/terraform:1.11.4 AS terraform

FROM node:20.20.2-bookworm-slim AS build
WORKDIR /opt/net-wizard
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY stacks ./stacks
COPY scripts ./scripts
# npm ci runs the build (prepare); the dev dependencies are only needed for it.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20.20.2-bookworm-slim
# tini (Debian bookworm's, 0.19) as PID 1: it passes `docker stop`'s SIGTERM and a terminal's
# Ctrl-C on to net-wizard, which asks terraform to stop gracefully; it also reaps orphans. (A
# process that is PID 1 without an init gets no default signal handling.)
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
COPY --from=terraform /bin/terraform /usr/local/bin/terraform
WORKDIR /opt/net-wizard
COPY --from=build /opt/net-wizard/package.json ./
COPY --from=build /opt/net-wizard/node_modules ./node_modules
COPY --from=build /opt/net-wizard/dist ./dist
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 HOME=/home/node
# Not root: the image's `node` user (uid 1000), or the host user with `--user "$(id -u):$(id -g)"`
# so that what net-wizard writes in /work belongs to whoever ran it. Any uid gets this HOME
# (credentials mount at /home/node/.aws; terraform keeps its own files there).
RUN chmod 1777 /home/node
USER node
# The answers, the Terraform project and its state live in the folder mounted at /work.
WORKDIR /work
# -s: tini is a subreaper also when it is not PID 1 (docker run --init, compose init: true).
ENTRYPOINT ["/usr/bin/tini", "-s", "--", "node", "/opt/net-wizard/dist/bundle/cli.js"]
