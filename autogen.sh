#!/bin/sh
# Generate ./configure from configure.ac (needs autoconf, automake, libtool, pkg-config).
set -e
cd "$(dirname "$0")"
mkdir -p m4
autoreconf --install --force >/dev/null
echo "autogen.sh: now run ./configure && make"
