#!/usr/bin/env bash
# Unpacks the catalina.sh and setclasspath.sh of Debian's tomcat10 (bookworm) and tomcat9 (bullseye)
# into .cache/tomcat/{10,9}/ for the catalina.sh patch tests. The bullseye index lives in .cache too,
# so the machine's own package sources stay as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=.cache/tomcat
[ -f "$cache/10/bin/catalina.sh" ] && [ -f "$cache/9/bin/catalina.sh" ] && exit 0
mkdir -p "$cache/debs" "$cache/bullseye/lists/partial"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 777 "$work"

fetch() { # fetch VERSION PACKAGE [apt options...]
  local version=$1 package=$2
  shift 2
  (cd "$work" && apt-get download -q "$@" "$package" >/dev/null)
  dpkg -x "$work"/"$package"_*.deb "$work/x$version"
  mkdir -p "$cache/$version/bin"
  cp "$work/x$version/usr/share/tomcat$version/bin/"{catalina.sh,setclasspath.sh} "$cache/$version/bin/"
}

if ! apt-cache show tomcat10-common >/dev/null 2>&1; then apt-get update -qq; fi
fetch 10 tomcat10-common

echo "deb http://deb.debian.org/debian bullseye main" > "$cache/bullseye/sources.list"
bullseye=(-o Dir::Etc::SourceList="$PWD/$cache/bullseye/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$PWD/$cache/bullseye/lists")
apt-get -qq "${bullseye[@]}" update
fetch 9 tomcat9-common "${bullseye[@]}"
