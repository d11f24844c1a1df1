#!/usr/bin/env bash
# Run 193 (session 19) ran run 192's script unchanged (../2026-11-27-session19-run192/run.sh) on the mended code.
exec bash "$(dirname "$0")/../2026-11-27-session19-run192/run.sh" "$@"
