"""Chinese fonts for the bulletins: check they are installed before anything is printed.

WeasyPrint finds fonts through fontconfig. When a family is missing it silently falls back
to whatever fontconfig offers, and with no Chinese font at all every character becomes a
tofu box. A print shop would get a useless PDF, so jinlin refuses to print instead.
The substitutions for the GB/T 9704 faces are documented in :mod:`generator.print`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache

from generator.errors import FontMissingError
from generator.model.settings import FontSettings

DEBIAN_FONT_PACKAGES = "fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai"

_ROLES = {"serif": "正文宋体", "title": "标题字体", "sans": "黑体", "kai": "楷体"}


def require_fonts(fonts: FontSettings) -> None:
    """Raise :class:`FontMissingError` (in Chinese) unless every family in ``fonts`` is
    installed with Chinese glyphs."""
    installed = chinese_families(os.environ.get("FONTCONFIG_FILE", ""))
    if not installed:
        raise FontMissingError(
            "没有安装中文字体，无法生成工作简报（否则会印出方框）。"
            f"请安装 Debian 软件包：{DEBIAN_FONT_PACKAGES}"
            "（以 root 运行 scripts/install-system-deps.sh 即可）。"
        )
    for role, label in _ROLES.items():
        family = getattr(fonts, role)
        if family.casefold() not in {name.casefold() for name in installed}:
            raise FontMissingError(
                f"找不到 site.yml 中 fonts.{role}（{label}）指定的字体“{family}”。"
                f"请安装该字体，或改用已安装的中文字体：{_sample(installed)}。"
            )


@lru_cache(maxsize=4)
def chinese_families(fontconfig_file: str) -> frozenset[str]:
    """Family names (every alias fontconfig knows) of the fonts that cover Chinese.

    ``fontconfig_file`` is only the cache key: ``fc-list`` reads the environment itself.
    """
    del fontconfig_file
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise FontMissingError("找不到 fc-list，无法检查中文字体。请安装 Debian 软件包 fontconfig。")
    result = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False, timeout=60
    )
    names = {name.strip() for line in result.stdout.splitlines() for name in line.split(",")}
    return frozenset(name for name in names if name)


def _sample(installed: frozenset[str]) -> str:
    preferred = [n for n in installed if n.endswith("CJK SC") or n.startswith("LXGW WenKai")]
    shown = sorted(preferred) or sorted(installed)
    return "、".join(shown[:6])
