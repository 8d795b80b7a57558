#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (its Ubuntu base):
# it installs what Socket Lab's grader needs (Python 3, Node 20 or later, pnpm) and the lab's
# bridge with its dependencies. The lab itself is in socket-lab/ beside this file (make-zip.sh).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl python3
node_ok() { command -v node >/dev/null 2>&1 && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; }
if ! node_ok; then
  # Ubuntu's own Node is older than the lab needs.
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
npm install -g pnpm@10
cd "$(dirname "$0")/socket-lab"
# The bridge and the packages it uses; not the page, its build or the browser tests.
pnpm install --frozen-lockfile --filter @socket-lab/bridge...
