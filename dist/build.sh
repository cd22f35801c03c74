#!/usr/bin/env bash
# Builds the distribution from cli/target/cli-analytics.jar (docs/install.md):
# - dist/target/cli-analytics-VERSION-linux-x64.tar.gz (or -aarch64): bin/cli-analytics (the launcher),
#   lib/cli-analytics.jar, lib/cli-analytics.aot (the AOT cache) and runtime/ (a jlink image of
#   the modules the CLI needs, found with jdeps), so the target machine needs no JDK;
# - dist/target/cli-analytics_VERSION_amd64.deb, built with jpackage from the same runtime, jar,
#   cache and launcher (skipped with --no-deb, or when dpkg-deb or fakeroot is missing and
#   DIST_REQUIRE_DEB is not set).
# Needs a JDK 25 (jdeps, jlink, jpackage, and the AOT cache of JEPs 483 and 514): JAVA_HOME, else
# the java on PATH. `./mvnw -Pdist package` runs it after building the jar.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"

deb=1
[[ "${1:-}" == "--no-deb" ]] && deb=""

jdk="${JAVA_HOME:-}"
if [[ -z "$jdk" ]]; then
  jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
for tool in java jdeps jlink jpackage; do
  if [[ ! -x "$jdk/bin/$tool" ]]; then
    echo "dist: $jdk/bin/$tool is missing; point JAVA_HOME at a JDK 25" >&2
    exit 1
  fi
done
major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")"
if [[ "${major:-0}" -lt 25 ]]; then
  echo "dist: the AOT cache needs a JDK 25 or newer; $jdk is $major" >&2
  exit 1
fi

jar="$root/cli/target/cli-analytics.jar"
if [[ ! -f "$jar" ]]; then
  echo "dist: $jar is missing; build it with ./mvnw -pl cli -am package -DskipTests" >&2
  exit 1
fi
version="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$root/pom.xml" | head -1)"
numeric="${version%%-*}"
name="cli-analytics-$version"
out="$root/dist/target"
image="$out/$name"
rm -rf "$image" "$out/work"
mkdir -p "$image/bin" "$image/lib" "$out/work"

# --- the jar, for this platform ------------------------------------------------------------------
# The shaded jar carries DuckDB's native library for every platform (200 MB); the archive keeps
# this machine's. A module-info.class left under META-INF/versions would make the jar look like a
# module to jdeps, so it goes too (the jar runs on the class path).
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 duckdb=linux_amd64 ;;
  aarch64 | arm64) arch=aarch64 duckdb=linux_arm64 ;;
  *) echo "dist: no DuckDB library for $(uname -m)" >&2; exit 1 ;;
esac
unpacked="$out/work/jar"
mkdir -p "$unpacked"
(cd "$unpacked" && "$jdk/bin/jar" xf "$jar")
for lib in "$unpacked"/libduckdb_java.so_*; do
  [[ "$lib" == *"_$duckdb" ]] || rm -f "$lib"
done
rm -f "$unpacked"/META-INF/versions/*/module-info.class
mv "$unpacked/META-INF/MANIFEST.MF" "$out/work/MANIFEST.MF"
# --version of the distribution says which one it is (a checkout says "dev").
sed -i "s/^Main-Class: .*/&\nImplementation-Version: $version/" "$out/work/MANIFEST.MF"
"$jdk/bin/jar" --create --file "$image/lib/cli-analytics.jar" --manifest "$out/work/MANIFEST.MF" \
  -C "$unpacked" .

# --- the modules the CLI needs ----------------------------------------------------------------
# Added to what jdeps finds: what is only reached by reflection or a service (jdk.unsupported for
# the signal handling of exec, jdk.zipfs for the dashboard's assets read from the jar, jdk.net for
# the client's socket options, jdk.charsets for users' file encodings).
found="$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release "$major" \
  "$image/lib/cli-analytics.jar" 2>/dev/null | tail -1)"
if [[ ! "$found" =~ ^java\.base ]]; then
  echo "dist: jdeps found no module list: $found" >&2
  exit 1
fi
modules="$found,jdk.zipfs,jdk.net,jdk.charsets"
[[ ",$modules," == *,jdk.unsupported,* ]] || modules="$modules,jdk.unsupported"
echo "dist: modules $modules"

# --- the runtime ---------------------------------------------------------------------------------
"$jdk/bin/jlink" --add-modules "$modules" --output "$image/runtime" --strip-debug \
  --no-header-files --no-man-pages --compress zip-6
cp "$root/bin/cli-analytics" "$image/bin/cli-analytics"
chmod 755 "$image/bin/cli-analytics"
cp "$root/LICENSE" "$image/LICENSE"

# --- the AOT cache, trained on the CLI's own commands ---------------------------------------------
# The training run uses the flags and the -jar the launcher uses, on the runtime shipped, so that
# the cache fits it (and the jar's Enable-Native-Access applies, as for users).
training="$out/work/training"
mkdir -p "$training"
(
  cd "$training"
  env -u DATABASE_URL -u EVENTS_ENABLED -u EVENTS_URL \
    "$image/runtime/bin/java" -XX:+ExitOnOutOfMemoryError \
    -XX:AOTCacheOutput="$image/lib/cli-analytics.aot" -Djava.io.tmpdir="$training" \
    -Xlog:aot=warning,cds=warning -jar "$image/lib/cli-analytics.jar" __aot-training
)
test -s "$image/lib/cli-analytics.aot"

tarball="$out/$name-linux-$arch.tar.gz"
tar -C "$out" -czf "$tarball" "$name" # keeps modification times, which the AOT cache checks
echo "dist: $tarball ($(du -h "$tarball" | cut -f1))"

# --- the .deb --------------------------------------------------------------------------------------
if [[ -z "$deb" ]]; then
  exit 0
fi
if ! command -v dpkg-deb >/dev/null || ! command -v fakeroot >/dev/null; then
  if [[ -n "${DIST_REQUIRE_DEB:-}" ]]; then
    echo "dist: dpkg-deb and fakeroot are needed for the .deb (apt-get install dpkg-dev fakeroot)" >&2
    exit 1
  fi
  echo "dist: no dpkg-deb or fakeroot: the .deb is skipped (apt-get install dpkg-dev fakeroot)" >&2
  exit 0
fi
# jpackage lays out /opt/cli-analytics/{bin/cli-analytics,lib/app,lib/runtime}; its native launcher
# is replaced by ours (which finds lib/app/cli-analytics.jar and lib/runtime), so that exec needs no
# JVM from the .deb either, and a postinst links /usr/bin/cli-analytics to it.
input="$out/work/input"
app="$out/work/app-image"
mkdir -p "$input"
cp "$image/lib/cli-analytics.jar" "$input/"
"$jdk/bin/jpackage" --type app-image --name cli-analytics --app-version "$numeric" \
  --input "$input" --main-jar cli-analytics.jar --main-class dev.clianalytics.cli.Main \
  --runtime-image "$image/runtime" --dest "$app"
cp -p "$image/lib/cli-analytics.aot" "$app/cli-analytics/lib/app/cli-analytics.aot"
cp "$image/bin/cli-analytics" "$app/cli-analytics/bin/cli-analytics"
cp "$root/LICENSE" "$app/cli-analytics/lib/LICENSE"
rm -f "$out"/cli-analytics_*.deb
# gzip rather than dpkg-deb's default xz: the runtime and jar are compressed already, and xz takes
# minutes over them for a few per cent.
export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
"$jdk/bin/jpackage" --type deb --app-image "$app/cli-analytics" --name cli-analytics \
  --app-version "$numeric" --vendor "CLI Analytics" --license-file "$root/LICENSE" \
  --description "Privacy-first workflow and outcome intelligence for command-line tools" \
  --linux-package-name cli-analytics --linux-app-category devel \
  --resource-dir "$root/dist/deb" --dest "$out"
# jpackage copies the files again, with new modification times, and the AOT cache would no longer
# fit its jar: put back the very files (and times) into the package.
package="$(ls "$out"/cli-analytics_*.deb)"
unpacked_deb="$out/work/deb"
rm -rf "$unpacked_deb"
dpkg-deb -R "$package" "$unpacked_deb"
cp -p "$image/lib/cli-analytics.jar" "$image/lib/cli-analytics.aot" \
  "$unpacked_deb/opt/cli-analytics/lib/app/"
rm -rf "$unpacked_deb/opt/cli-analytics/lib/runtime"
cp -a "$image/runtime" "$unpacked_deb/opt/cli-analytics/lib/runtime"
fakeroot dpkg-deb -Z"$DPKG_DEB_COMPRESSOR_TYPE" -b "$unpacked_deb" "$package" >/dev/null
echo "dist: $package ($(du -h "$package" | cut -f1))"
