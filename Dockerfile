# A small image that runs odlint as a non-root user on the folder mounted at /data:
#   docker build -t odlint .
#   docker run --rm -v "$PWD:/data" odlint [inputs...] [options]     (default input: /data)
# Build: the package is built and packed in the first stage, exactly as `npm pack` makes it for
# npm; the image installs that tarball with its production dependencies only.
FROM node:20-alpine AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json README.md LICENSE NOTICE ./
COPY bin bin
COPY src src
COPY rules rules
COPY schemas schemas
COPY presets presets
COPY docs docs
COPY scripts/compile-data.mjs scripts/bundle.mjs scripts/
RUN npm run build && npm pack --ignore-scripts --pack-destination /tmp && mv /tmp/odlint-*.tgz /tmp/odlint.tgz

FROM node:20-alpine
COPY --from=build /tmp/odlint.tgz /tmp/odlint.tgz
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/odlint.tgz \
 && rm /tmp/odlint.tgz && npm cache clean --force
USER node
WORKDIR /data
ENTRYPOINT ["odlint"]
CMD ["."]
