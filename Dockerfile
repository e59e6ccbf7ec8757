# net-wizard with Node 20 and terraform, for users with Docker (see docker-compose.yml).
FROM hashicorp/terraform:1.11 AS terraform

FROM node:20-bookworm-slim
COPY --from=terraform /bin/terraform /usr/local/bin/terraform
WORKDIR /opt/net-wizard
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY stacks ./stacks
COPY scripts ./scripts
# npm ci runs the build (prepare); the dev dependencies are only needed for it.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev
ENV NODE_ENV=production
# The answers, the Terraform project and its state live in the folder mounted at /work.
WORKDIR /work
ENTRYPOINT ["node", "/opt/net-wizard/dist/bundle/cli.js"]
