#!/bin/sh
# Install what the tests drive outside Python (needs root or sudo):
#   chromium and a CJK font, for the browser tests (required);
#   the Noto CJK fonts, which the PDF embeds and which stand in for the fonts an
#   official document names (tests/fonts/*.conf tells fontconfig so) (required);
#   LibreOffice Writer and poppler, to render the DOCX export (optional: the one
#   test that needs them says so and is skipped when they cannot be installed).
set -e
if [ "$(id -u)" = 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo"
else
    echo "installing test tools needs root: apt-get install chromium fonts-wqy-microhei" \
         "fonts-noto-cjk libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils" >&2
    exit 1
fi
$run apt-get update -qq
if ! command -v chromium >/dev/null 2>&1; then
    $run apt-get install -y -qq chromium fonts-wqy-microhei
fi
if ! fc-list 2>/dev/null | grep -q "Noto Serif CJK SC"; then
    $run apt-get install -y -qq fonts-noto-cjk fontconfig
fi
$run cp "$(dirname "$0")/fonts/65-official-document-fonts.conf" /etc/fonts/conf.d/
$run fc-cache -f >/dev/null
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 \
    || ! [ -e /usr/lib/libreoffice/program/libsclo.so ]; then
    $run apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils \
        || echo "LibreOffice could not be installed: the DOCX rendering test will be skipped" >&2
fi
