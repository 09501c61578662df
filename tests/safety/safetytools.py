"""Helpers for the safety tests: run the real ``jinlin`` command, read every file a build
wrote (decompressing Pagefind's bundle, extracting PDF text and images), and audit HTML and
XML for anything a browser would execute."""

from __future__ import annotations

import gzip
import hashlib
import html
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
SHIPPED = ROOT / "content"
THEME = ROOT / "templates" / "site" / "main.html"

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u202a\u202b\u202c\u202d\u202e\ufeff"))
"""Zero-width and direction marks: Pagefind puts U+200B between the words it segments."""
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


def jinlin(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT,
           timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """The real command line in a subprocess (no mocks), run from the project root."""
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env=command_env(env))


def fake_pagefind(folder: Path, source: str) -> dict[str, str]:
    """A stand-in for the Pagefind program (``source``: Python), and the environment that
    makes a build run it (``PAGEFIND_BINARY_PATH``, which Pagefind's own wrapper honours too)."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "pagefind"
    program.write_text(f"#!{sys.executable}\n{source}", encoding="utf-8")
    program.chmod(0o755)
    return {"PAGEFIND_BINARY_PATH": str(program)}


def command_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8", **(extra or {})}


def tree_state(folder: Path) -> dict[str, tuple[str, int, str]]:
    """Every path under ``folder`` with its kind, modification time and content hash."""
    state = {}
    for path in sorted(folder.rglob("*")):
        relative = str(path.relative_to(folder))
        if path.is_symlink():
            state[relative] = ("link", path.lstat().st_mtime_ns, os.readlink(path))
        elif path.is_dir():
            state[relative] = ("dir", path.stat().st_mtime_ns, "")
        else:
            state[relative] = ("file", path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    return state


def flat(text: str) -> str:
    """``text`` without whitespace and invisible marks: markers are found however a PDF
    breaks its lines or Pagefind segments its words."""
    return re.sub(r"\s+", "", text.translate(INVISIBLE))


def readable(path: Path) -> str:
    """What a reader of ``path`` could get out of it: PDF text, decompressed bundles,
    entities and ``\\u`` escapes resolved, raw bytes for images."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return pdf_text(path)
    if data[:2] == b"\x1f\x8b":  # Pagefind's fragments, index, filters; sitemap.xml.gz
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    if path.suffix in IMAGE_SUFFIXES:
        return text
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)
    return html.unescape(text)


def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8", errors="replace")


def pdf_images(path: Path, out: Path) -> list[Path]:
    """The images embedded in a PDF, as files (JPEGs as they are stored)."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdfimages", "-all", str(path), str(out / path.stem)], capture_output=True, check=True)
    return sorted(out.glob(f"{path.stem}*"))


def found_in(folders: list[Path], markers: list[str]) -> list[tuple[str, str]]:
    """(file, marker) for every marker readable in any file under ``folders`` (Pagefind's
    own program files, the same for every site, are left out)."""
    flat_markers = {flat(marker): marker for marker in markers}
    readable_pattern = re.compile("|".join(map(re.escape, sorted(flat_markers, key=len, reverse=True))))
    raw_pattern = re.compile("|".join(re.escape(m.encode()).decode("latin-1") for m in markers))
    hits = set()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "pagefind" in path.parts and not path.suffix.startswith(".pf_") and path.suffix != ".json":
                continue
            shown = str(path.relative_to(folder.parent))
            for found in readable_pattern.findall(flat(readable(path))):
                hits.add((shown, flat_markers[found]))
            for found in raw_pattern.findall(path.read_bytes().decode("latin-1")):
                hits.add((shown, found.encode("latin-1").decode()))
    return sorted(hits)


# -- markup audit ----------------------------------------------------------------------------
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "background",
                  "cite", "srcset", "ping", "manifest", "codebase", "longdesc", "usemap", "lowsrc"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "math", "portal", "template",
         "xmp", "plaintext", "listing", "style"}


def theme_scripts() -> set[str]:
    """Bodies of the inline scripts the theme itself writes (the only ones allowed)."""
    return {body.strip() for body in re.findall(r"<script>(.*?)</script>", THEME.read_text(encoding="utf-8"), re.S)}


class MarkupAudit(HTMLParser):
    """Everything in an HTML document that would run script or load from elsewhere:
    forbidden elements, event handlers, script/data URLs, scripts the theme did not write."""

    def __init__(self, allowed_scripts: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed_scripts
        self.problems: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NEVER:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            self.problems.append(f"<meta {attrs}>")
        for name, value in attrs:
            self._attribute(tag, name, value or "")
        if tag == "script":
            src = dict(attrs).get("src")
            if src is not None and not re.fullmatch(r"(\.\./)*(assets|pagefind)/[\w.-]+\.js(\?v=\w+)?", src):
                self.problems.append(f"<script src={src!r}>")
            self._script = [] if src is None else None

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on") or name in {"formaction", "srcdoc"}:
            self.problems.append(f"<{tag} {name}={value!r}>")
        if name in URL_ATTRIBUTES or name == "style":
            for url in (value.split(",") if name == "srcset" else [value]):
                if not _safe_url(url.strip().split(" ")[0] if name == "srcset" else url, style=name == "style"):
                    self.problems.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            body = "".join(self._script).strip()
            if body and body not in self.allowed:
                self.problems.append(f"<script>{body[:80]}")
            self._script = None


def _safe_url(value: str, *, style: bool = False) -> bool:
    compact = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value)).lower()
    if style:
        return "javascript:" not in compact and "expression(" not in compact and "url(" not in compact
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", compact)
    return scheme is None or scheme[1] in SAFE_SCHEMES


def audit_html(text: str, allowed_scripts: set[str]) -> list[str]:
    audit = MarkupAudit(allowed_scripts)
    audit.feed(text)
    audit.close()
    return audit.problems


def audit_xml(text: str, allowed_scripts: set[str]) -> list[str]:
    """An XML file (feed, sitemap, SVG): no script element, no handler, no unsafe link;
    text declared as HTML (``type="html"``) is audited as HTML."""
    problems = []
    for element in ET.fromstring(text.encode("utf-8")).iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in NEVER or tag == "script":
            problems.append(f"<{tag}>")
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1]
            if name.startswith("on") or (name in URL_ATTRIBUTES and not _safe_url(value)):
                problems.append(f"<{tag} {name}={value!r}>")
        if element.get("type") in ("html", "xhtml") and element.text:
            problems.extend(audit_html(element.text, allowed_scripts))
    return problems


def audit_site(site: Path) -> list[tuple[str, str]]:
    """(file, problem) for everything executable or unsafe in the site's HTML, XML and SVG."""
    allowed = theme_scripts()
    found = []
    for path in sorted(site.rglob("*")):
        if "pagefind" in path.parts or path.suffix not in {".html", ".xml", ".svg"}:
            continue
        text = path.read_text(encoding="utf-8")
        problems = audit_html(text, allowed) if path.suffix == ".html" else audit_xml(text, allowed)
        found.extend((str(path.relative_to(site)), p) for p in problems)
    return found
