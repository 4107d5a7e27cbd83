#!/usr/bin/env bash
# Build the frozen one-folder app and check it (DESIGN §13).
#
#   packaging/build.sh            build, self-test, demo project, size, start-up time
#   packaging/build.sh --no-build check an existing dist/ again
#
# Runs on Linux (what the development machine can check), macOS, and Windows under
# Git Bash (the release workflow uses it on all three). Output in dist/:
#   dist/mixplan/               the one-folder app (mixplan + mixplan-cli)
#   dist/mixplan.app            macOS only
#   dist/demo.mixplan.gpkg      the demo project, written by the frozen app
# Exit status: non-zero when the build, the frozen self-test, writing the demo or
# opening the window fails. The start-up budget (3 s) is reported, not enforced.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=1
[[ "${1:-}" == "--no-build" ]] && BUILD=0

case "$(uname -s)" in
  Linux*)                EXE_DIR=dist/mixplan; GUI=mixplan; CLI=mixplan-cli ;;
  Darwin*)               EXE_DIR=dist/mixplan.app/Contents/MacOS; GUI=mixplan; CLI=mixplan-cli ;;
  MINGW*|MSYS*|CYGWIN*)  EXE_DIR=dist/mixplan; GUI=mixplan.exe; CLI=mixplan-cli.exe ;;
  *) echo "build.sh: unsupported system $(uname -s)" >&2; exit 2 ;;
esac

# The self-test and the start-up probe need no display.
export QT_QPA_PLATFORM=offscreen

step() { printf '\n== %s\n' "$*"; }

seconds_since() {  # seconds elapsed since a time taken with `now`
  python_ - "$1" <<'PY'
import sys, time
print(f"{time.time() - float(sys.argv[1]):.1f}")
PY
}
now() { python_ - <<'PY'
import time
print(f"{time.time():.3f}")
PY
}
python_() { uv run --no-sync python "$@"; }

if [[ $BUILD == 1 ]]; then
  step "PyInstaller build (packaging/mixplan.spec)"
  started=$(now)
  uv run --with pyinstaller --with pillow \
    pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/mixplan.spec
  echo "built in $(seconds_since "$started") s"
fi

[[ -x "$EXE_DIR/$CLI" ]] || { echo "build.sh: $EXE_DIR/$CLI is missing" >&2; exit 1; }

step "frozen self-test ($EXE_DIR/$CLI --self-test)"
started=$(now)
"$EXE_DIR/$CLI" --self-test
echo "self-test took $(seconds_since "$started") s"

step "demo project (dist/demo.mixplan.gpkg)"
"$EXE_DIR/$CLI" demo --force dist/demo.mixplan.gpkg
"$EXE_DIR/$CLI" info dist/demo.mixplan.gpkg

step "start-up: process start to first window, opening the demo project"
python_ packaging/measure_startup.py "$EXE_DIR/$GUI" dist/demo.mixplan.gpkg --runs 4

step "what the bundle leaves out"
# Qt modules, toolkits and themes mixplan never uses must not have crept back in.
unwanted=$(find dist/mixplan \( -iname "*Qt6Qml*" -o -iname "*Qt6Quick*" \
  -o -iname "*WebEngine*" -o -iname "*Qt6Wayland*" -o -iname "*Qt6Multimedia*" \
  -o -iname "*Qt63D*" -o -iname "_tkinter*" -o -iname "libtk8*" -o -iname "libgtk-3*" \
  -o -iname "*qgtk3*" -o -path "*/PyQt*" \) -print)
if [[ -n "$unwanted" ]]; then
  echo "build.sh: the bundle holds what the spec excludes:" >&2
  echo "$unwanted" >&2
  exit 1
fi
plugins=$(find dist/mixplan -path "*plugins/*" -type f \
  | sed -E 's|.*plugins/||; s|/(lib)?q?|/|; s|\.(so\|dll\|dylib)$||' | sort | tr '\n' ' ')
echo "no QML/Quick, WebEngine, Wayland, Multimedia, 3D, Tk or GTK; Qt plug-ins: $plugins"

step "bundle size"
du -sh dist/mixplan | sed 's/^/one-folder app: /'
[[ -d dist/mixplan.app ]] && du -sh dist/mixplan.app | sed 's/^/macOS app: /'
printf 'files: %s\n' "$(find dist/mixplan -type f | wc -l | tr -d ' ')"
echo "largest parts:"
du -sk dist/mixplan/_internal/* 2>/dev/null | sort -rn | head -8 \
  | awk '{printf "  %6.1f MB  %s\n", $1/1024, $2}'
echo
echo "build.sh: ok ($ROOT/$EXE_DIR)"
