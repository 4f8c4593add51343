#!/bin/sh
# Install what the build and the tests use outside Python (needs root or sudo).
#   sh tests/install-tools.sh fonts   what `make site` needs: pango, which WeasyPrint
#       lays the PDF out with, and the Noto CJK fonts, which the PDF embeds and which
#       stand in for the fonts an official document names (tests/fonts/*.conf tells
#       fontconfig so);
#   sh tests/install-tools.sh         all of that, and what `make test` drives:
#       chromium and a CJK font, for the browser tests (required); LibreOffice Writer
#       and Calc and poppler, to render the DOCX and XLSX exports (optional: the tests
#       that need them say so and are skipped when they cannot be installed).
set -e
here="$(dirname "$0")"
if [ "$(id -u)" = 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo"
else
    echo "installing tools needs root: apt-get install libpango-1.0-0 libpangoft2-1.0-0" \
         "fonts-noto-cjk chromium fonts-wqy-microhei libreoffice-writer-nogui" \
         "libreoffice-calc-nogui poppler-utils; cp $here/fonts/*.conf /etc/fonts/conf.d/" >&2
    exit 1
fi
$run apt-get update -qq
if ! fc-list 2>/dev/null | grep -q "Noto Serif CJK SC" \
    || ! ldconfig -p | grep -q libpangoft2-1.0; then
    $run apt-get install -y -qq fontconfig fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0
fi
$run cp "$here/fonts/65-official-document-fonts.conf" /etc/fonts/conf.d/
$run fc-cache -f >/dev/null
[ "$1" = fonts ] && exit 0

if ! command -v chromium >/dev/null 2>&1; then
    $run apt-get install -y -qq chromium fonts-wqy-microhei
fi
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 \
    || ! [ -e /usr/lib/libreoffice/program/libsclo.so ]; then
    $run apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils \
        || echo "LibreOffice could not be installed: the rendering tests will be skipped" >&2
fi
