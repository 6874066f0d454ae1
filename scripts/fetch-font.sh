#!/usr/bin/env bash
# Puts the Vazirmatn font into fonts/ from the npm package, pinned by version and
# checked against the SHA-256 sums below, so every build prints with the same glyphs.
set -euo pipefail
cd "$(dirname "$0")/.."

version=33.0.3
package_sha256=9506e9e6a27e62b353c04a136c27de0cc3aa9e434658b45a6363f7c98c357090
declare -A font_sha256=(
    [Vazirmatn-Regular.ttf]=b69fd4c680b8f3f225feabcc655a2c585d97627b8f5f5c0f9985e894069f3a56
    [Vazirmatn-Bold.ttf]=f635fdbea28f265de395ba83b4b1570dcf2f58d13c65469e61903b1c2d2ae723
)

fonts_ok() {
    for font in "${!font_sha256[@]}"; do
        [ -f "fonts/$font" ] || return 1
        echo "${font_sha256[$font]}  fonts/$font" | sha256sum --check --status || return 1
    done
}

if fonts_ok; then
    exit 0
fi

cache=.cache/font
mkdir -p "$cache"
tarball="$cache/vazirmatn-$version.tgz"
if [ ! -f "$tarball" ]; then
    echo "fetch-font: fetching vazirmatn@$version with npm" >&2
    (cd "$cache" && npm pack --silent "vazirmatn@$version" >/dev/null)
fi
if ! echo "$package_sha256  $tarball" | sha256sum --check --status; then
    rm -f "$tarball"
    echo "fetch-font: vazirmatn-$version.tgz does not match its pinned SHA-256; refusing it" >&2
    exit 1
fi

for font in "${!font_sha256[@]}"; do
    tar -xzf "$tarball" -C "$cache" "package/fonts/ttf/$font"
    cp "$cache/package/fonts/ttf/$font" "fonts/$font"
done
if ! fonts_ok; then
    echo "fetch-font: the unpacked fonts do not match their pinned SHA-256" >&2
    exit 1
fi
echo "fetch-font: installed Vazirmatn $version into fonts/" >&2
