#!/bin/sh
# Copies Mermaid, at the version the root package.json pins, into the theme
# (themes/default/static/vendor/), where it is committed: building a site then
# needs no network, and pages load it from the site itself, never from a CDN.
# Run after changing the version in package.json (`npm install` updates the
# lock), then rebuild (`touch build.rs`) and commit the new files.
set -eu
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
dist=node_modules/mermaid
dest=themes/default/static/vendor
version=$(node -p "require('./$dist/package.json').version")
pinned=$(node -p "require('./package.json').devDependencies.mermaid")
[ "$version" = "$pinned" ] || { echo "mermaid $version installed, $pinned pinned" >&2; exit 1; }
mkdir -p "$dest"
# The classic (UMD) bundle: an ES module would not load from file://.
cp "$dist/dist/mermaid.min.js" "$dest/mermaid.min.js"
cp "$dist/LICENSE" "$dest/mermaid.LICENSE.txt"
cat > "$dest/README.md" <<EOT
# Vendored scripts

- \`mermaid.min.js\`: Mermaid $version (npm package \`mermaid\`, \`dist/mermaid.min.js\`),
  MIT licence (\`mermaid.LICENSE.txt\`). Copied by \`scripts/vendor-mermaid.sh\` at the
  version \`package.json\` pins. Loaded only by pages that hold a diagram; written to a
  site's \`assets/vendor/\` only when one of its pages does.
EOT
echo "vendored mermaid $version into $dest"
