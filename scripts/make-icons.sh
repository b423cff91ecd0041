#!/usr/bin/env bash
# Regenerates icons/ (PNG 16-512, sipladder.ico, sipladder.icns) and the window-icon copies under
# src/main/resources/org/sipladder/icons/ from the drawing in scripts/MakeIcons.java. Needs a JDK 11+.
set -euo pipefail
cd "$(dirname "$0")/.."
java scripts/MakeIcons.java icons src/main/resources/org/sipladder/icons
