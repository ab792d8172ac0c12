#!/bin/sh
# check_schema_list.sh — every .rng file in xml/schemas is listed in its
# meson.build (so it is installed), every include of cib.rng exists, and
# each file is well-formed XML. Usage: check_schema_list.sh SCHEMA_DIR
set -u
dir=$1
fail=0
for f in "$dir"/*.rng; do
    name=$(basename "$f")
    grep -q "'$name'" "$dir/meson.build" || { echo "FAIL: $name is not listed in meson.build"; fail=1; }
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout "$f" || { echo "FAIL: $name is not well-formed"; fail=1; }
    fi
done
for inc in $(sed -n 's/.*<include href="\([^"]*\)".*/\1/p' "$dir/cib.rng"); do
    [ -f "$dir/$inc" ] || { echo "FAIL: cib.rng includes missing $inc"; fail=1; }
done
[ $fail -eq 0 ] && echo PASS
exit $fail
