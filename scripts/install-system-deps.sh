#!/usr/bin/env bash
# Install the Debian packages jinlin needs: Chinese fonts for the PDFs, HarfBuzz's
# subsetter (CJK font subsetting in ~0.25 s instead of ~8 s), poppler/qpdf to read PDFs
# back in tests, and Chromium + Node.js/npm for the browser tests.
# As root it runs apt-get; otherwise it prints exactly what to install.
set -euo pipefail

PACKAGES=(
  fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai
  libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
  poppler-utils qpdf fontconfig
  libgs-common  # CMYK output-intent profile (default_cmyk.icc) for the PDF/X-4 print edition
)
case "${1:-}" in
  --browser) PACKAGES+=(chromium nodejs npm) ;;
  --venv) PACKAGES=(python3-venv python3-pip) ;;  # Debian's python3 lacks venv without it
esac

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # nodejs/npm may come from elsewhere (e.g. a preinstalled Node.js)
    if [[ "$p" == nodejs || "$p" == npm ]] && command -v "${p/nodejs/node}" >/dev/null 2>&1; then
      continue
    fi
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "缺少系统软件包，请以 root 身份运行：" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "安装系统软件包：${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
