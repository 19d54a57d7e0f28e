#!/bin/sh
# The classpath to run Apache Jena's SHACL from Debian's libapache-jena-java (no launcher script
# ships with it). Two packaging quirks (docs/dcat-ap-shacl.md): /usr/share/java holds several
# SLF4J bindings, so only slf4j-api + slf4j-nop are kept; and jena-core relocates its bundled
# Xerces classes to `xerces.*` but leaves their message bundles under org/apache/jena/ext/xerces/,
# so XSD datatypes fail to initialise ("internal error" in XSSimpleTypeDecl) — a small jar with
# the bundles at the relocated path ($1/xerces-messages.jar) is put first.
set -e
work=${1:?usage: classpath.sh <work folder>}
pkgs=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances libapache-jena-java 2>/dev/null | awk '/^ *Depends:/ {print $2}' | grep -v '^<' | sort -u)
jars=$(for p in libapache-jena-java $pkgs; do
  dpkg -L "$p" 2>/dev/null | grep -E '^/usr/share/java/[^/]+\.jar$' | grep -v -E -e '-[0-9][0-9.]*(\.Final)?\.jar$' -e 'slf4j|log4j' || true
done | sort -u | tr '\n' ':')
mkdir -p "$work/xerces-fix" && cd "$work/xerces-fix"
unzip -o -q /usr/share/java/jena-core.jar 'org/apache/jena/ext/xerces/*' -x '*.class' >/dev/null 2>&1 || true
mkdir -p xerces && cp -r org/apache/jena/ext/xerces/* xerces/ && rm -rf org
rm -f "$work/xerces-messages.jar" && zip -q -r "$work/xerces-messages.jar" xerces
echo "$work/xerces-messages.jar:${jars}/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-nop.jar"
