#!/usr/bin/env bash
# Builds the zip a course uploads to Gradescope as its autograder: setup.sh and run_autograder at
# the top, the lab (this repository's committed tree) in socket-lab/.
# Usage: bash make-zip.sh [out.zip]   (default: ./socket-lab-autograder.zip)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
out=$(realpath -m "${1:-socket-lab-autograder.zip}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$repo" archive --format=tar --prefix=socket-lab/ HEAD | tar -x -C "$tmp"
cp "$here/setup.sh" "$here/run_autograder" "$tmp/"
# Python's zipfile, with the files' modes kept (run_autograder must stay executable).
(cd "$tmp" && python3 - "$out" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for top in ['setup.sh', 'run_autograder', 'socket-lab']:
        paths = [top] if os.path.isfile(top) else [os.path.join(d, f) for d, _, fs in os.walk(top) for f in fs]
        for p in sorted(paths):
            info = zipfile.ZipInfo.from_file(p)
            with open(p, 'rb') as f:
                z.writestr(info, f.read(), zipfile.ZIP_DEFLATED)
PY
)
echo "wrote $out: upload it as the assignment's autograder (Gradescope: Configure Autograder → Zip file upload)"
