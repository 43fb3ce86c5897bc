#!/usr/bin/env bash
# Builds stand-ins for the official base images the generated Dockerfiles start FROM (Docker Hub is not
# reachable from the test machines), into the Docker engine of the e2e suites:
#   tomcat:9.0-jdk11-temurin   eclipse-temurin:11-jdk   Debian bullseye, openjdk-11, tomcat9 (javax)
#   tomcat:10.1-jdk17-temurin  eclipse-temurin:17-jdk   Debian bookworm, openjdk-17, tomcat10 (jakarta)
#   paasport-e2e/maven-debian:bookworm  a Maven build stage: Debian bookworm, openjdk-17, maven, and as its local
#                              repository Debian's /usr/share/maven-repo (offline): the Maven plugins of a WAR
#                              build and the libraries the Maven fixtures use, as Debian packages them
# The tomcat images are laid out like the official ones: CATALINA_HOME=/usr/local/tomcat holding bin/ conf/
# lib/ (with the JSP compiler) and an empty webapps/, catalina.sh on PATH, JAVA_HOME=/opt/java/openjdk, no
# user for the app. Images stay in the engine's data root: one is rebuilt only when it is missing or was
# made by another version of this script (label paasport.e2e.script), or always with PAASPORT_E2E_REBUILD=1 (to
# take Debian's updates); the images keep answering under their names while new ones are built.
set -euo pipefail
cd "$(dirname "$0")/../.."
sock=${PAASPORT_DOCKER_SOCK:-/tmp/paasport-docker.sock}
mirror=${PAASPORT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
script_hash=$(sha256sum "$0" | cut -c1-16)
# outside the repository: tools walking the work tree must not enter a chroot (its /proc is mounted while it is made)
work=${PAASPORT_E2E_STATE:-/var/lib/paasport-e2e}/rootfs

api() { # api METHOD PATH [curl options...]
  local method=$1 url=$2
  shift 2
  curl -fsS --unix-socket "$sock" -X "$method" "$@" "http://localhost/v1.41$url"
}

image_is_current() { # image_is_current NAME: made by this version of the script
  local label
  label=$(api GET "/images/$1/json" 2>/dev/null | grep -o '"paasport.e2e.script":"[0-9a-f]*"' | head -1) || true
  [ "$label" = "\"paasport.e2e.script\":\"$script_hash\"" ]
}

# unmounts what a failed debootstrap left mounted in ROOT (its /proc), then removes ROOT without leaving its file system
remove_root() {
  local root mounts
  root=$(realpath -m "$1")
  mounts=$(findmnt -rn -o TARGET | grep "^$root/" | sort -r) || true
  for m in $mounts; do umount -l "$m"; done
  rm -rf --one-file-system "$root"
}

urlencode() { node -p 'encodeURIComponent(process.argv[1])' "$1"; }

# lays out /usr/local/tomcat from Debian's split CATALINA_HOME (/usr/share/tomcatN) and the default
# configuration of the tomcatN package (unpacked, not installed: installing it adds a tomcat user and systemd)
layout_tomcat() { # layout_tomcat ROOT MAJOR JAVA_MAJOR
  local root=$1 major=$2 java=$3
  chroot "$root" sh -euc "
    cd /tmp && apt-get download -q tomcat$major >/dev/null && dpkg-deb -x tomcat${major}_*.deb /tmp/tomcat-deb
    T=/usr/local/tomcat
    mkdir -p \$T/conf \$T/lib \$T/logs \$T/temp \$T/work \$T/webapps
    cp -rL /usr/share/tomcat$major/bin \$T/bin
    cp -L /usr/share/tomcat$major/lib/*.jar \$T/lib/
    for jar in /usr/share/java/ecj.jar /usr/share/java/eclipse-jdt-core.jar; do
      if [ -f \$jar ]; then cp -L \$jar \$T/lib/ecj.jar; fi
    done
    cp /tmp/tomcat-deb/usr/share/tomcat$major/etc/* \$T/conf/
    rm -rf /tmp/tomcat-deb /tmp/tomcat${major}_*.deb /var/cache/apt/archives/*.deb /var/lib/apt/lists/*
    mkdir -p /opt/java && ln -s /usr/lib/jvm/java-$java-openjdk-amd64 /opt/java/openjdk
  "
  [ -f "$root/usr/local/tomcat/lib/ecj.jar" ] || { echo "no JSP compiler in $root" >&2; exit 1; }
}

import_image() { # import_image ROOT NAME CHANGES...
  local root=$1 name=$2 changes=() query
  shift 2
  for c in "$@" "LABEL paasport.e2e.script=$script_hash"; do changes+=("changes=$(urlencode "$c")"); done
  query="fromSrc=-&repo=$(urlencode "${name%:*}")&tag=$(urlencode "${name##*:}")&$(IFS='&'; echo "${changes[*]}")"
  tar -C "$root" -c . | api POST "/images/create?$query" -H 'Content-Type: application/x-tar' --data-binary @- \
    -o /dev/null
}

build() { # build SUITE JAVA_MAJOR TOMCAT_MAJOR TOMCAT_TAG PACKAGES
  local suite=$1 java=$2 tomcat=$3 tomcat_tag=$4 packages=$5 root start
  local tomcat_image="tomcat:$tomcat_tag-jdk$java-temurin" jdk_image="eclipse-temurin:$java-jdk"
  if [ "${PAASPORT_E2E_REBUILD:-}" != 1 ] && image_is_current "$tomcat_image" && image_is_current "$jdk_image"; then
    return
  fi
  start=$(date +%s)
  root="$work/$suite"
  remove_root "$root" && mkdir -p "$root"
  echo "base images: debootstrap $suite ($packages)" >&2
  if ! debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >"$work/$suite.log" 2>&1; then
    tail -30 "$work/$suite.log" >&2
    remove_root "$root"
    exit 1
  fi
  layout_tomcat "$root" "$tomcat" "$java"
  local path=/usr/local/tomcat/bin:/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  import_image "$root" "$tomcat_image" "ENV JAVA_HOME=/opt/java/openjdk" "ENV CATALINA_HOME=/usr/local/tomcat" \
    "ENV PATH=$path" "WORKDIR /usr/local/tomcat" "EXPOSE 8080" 'CMD ["catalina.sh","run"]'
  import_image "$root" "$jdk_image" "ENV JAVA_HOME=/opt/java/openjdk" \
    "ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" 'CMD ["jshell"]'
  remove_root "$root"
  echo "base images: $tomcat_image and $jdk_image built in $(($(date +%s) - start)) s" >&2
}

# Maven's own plugins and the libraries of fixtures/stateless-api and fixtures/spring-mvc-crm, in Debian's versions
MAVEN_PACKAGES=openjdk-17-jdk-headless,maven,libmaven-clean-plugin-java,libmaven-resources-plugin-java,\
libmaven-compiler-plugin-java,libsurefire-java,libmaven-jar-plugin-java,libmaven-war-plugin-java,\
libmaven-install-plugin-java,libmaven-dependency-plugin-java,libservlet-api-java,libpostgresql-jdbc-java,\
libspring-web-servlet-java,libspring-jdbc-java,libspring-context-support-java,libmail-java,liblog4j1.2-java,\
libmariadb-java

build_maven() { # build_maven NAME
  local name=$1 root start
  if [ "${PAASPORT_E2E_REBUILD:-}" != 1 ] && image_is_current "$name"; then return; fi
  start=$(date +%s)
  root="$work/maven-bookworm"
  remove_root "$root" && mkdir -p "$root"
  echo "base images: debootstrap bookworm for $name" >&2
  if ! debootstrap --variant=minbase --include="$MAVEN_PACKAGES" bookworm "$root" "$mirror" >"$work/maven.log" 2>&1; then
    tail -30 "$work/maven.log" >&2
    remove_root "$root"
    exit 1
  fi
  mkdir -p "$root/root/.m2"
  echo '<settings><localRepository>/usr/share/maven-repo</localRepository><offline>true</offline></settings>' \
    >"$root/root/.m2/settings.xml"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  local java=/usr/lib/jvm/java-17-openjdk-amd64
  import_image "$root" "$name" "ENV JAVA_HOME=$java" "ENV MAVEN_HOME=/usr/share/maven" \
    "ENV PATH=$java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" 'CMD ["mvn","--version"]'
  remove_root "$root"
  echo "base images: $name built in $(($(date +%s) - start)) s" >&2
}

mkdir -p "$work"
build bullseye 11 9 9.0 openjdk-11-jdk-headless,tomcat9-common,libecj-java &
bullseye=$!
build bookworm 17 10 10.1 openjdk-17-jdk-headless,tomcat10-common &
bookworm=$!
build_maven paasport-e2e/maven-debian:bookworm &
maven=$!
wait $bullseye
wait $bookworm
wait $maven
