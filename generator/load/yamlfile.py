"""Read one YAML file safely and find, on demand, where every value came from.

PyYAML's C composer gives a node tree with marks; we build plain Python values from it
ourselves so that we can (a) refuse duplicate keys, (b) count alias expansions so that an
alias bomb is refused at once, and (c) skip PyYAML's per-node object bookkeeping, which
dominates load time at city scale. Positions are not stored for every value: most files
have no problem, so a document re-reads its text and walks the node tree only when a
problem has to be located.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem

try:  # the C loader is much faster; fall back quietly where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_ALIASES = 100

PathKey = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_IMMUTABLE = (int, float, bool, type(None), dt.date, str)
_RESOLVED: dict[tuple[str, Any], str] = {}
_CONSTRUCTED: dict[tuple[str, str], Any] = {}
_CACHE_LIMIT = 50_000


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The C loader with implicit-tag resolution memoised: the same scalars (scores, dates,
    ids, booleans) recur thousands of times and the resolver's regexes run in Python."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < _CACHE_LIMIT:
                _RESOLVED[key] = tag
        return tag


@dataclass(frozen=True, slots=True)
class Mark:
    """1-based line and column of a key or value in its file."""

    line: int
    column: int


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass(slots=True)
class LocatedDocument:
    """A parsed YAML document that can say where any path in it is written.

    ``mark(loc)`` composes the document's text again (from ``text``, or from ``file``) the
    first time it is asked and walks the node tree; an unknown field points at its key.
    """

    path: str
    data: Any
    """The parsed values; ``None`` in a document restored from the disk cache with its
    record (every check that reads them is cached too)."""
    file: Path | str | None = None
    text: str | None = None
    may_hold_numbers: bool = True
    """False when the text has nothing that looks like a phone, ID or card number, so
    the privacy scan can skip walking the document."""
    digest: bytes | None = None
    """:func:`digest_of` the file's bytes, when the loader knows it (a record's value
    depends on nothing else: caches key what is made from a record by it)."""
    _root: Any = field(default=None, repr=False)

    def _tree(self) -> yaml.Node | None:
        if self._root is None:
            text = self.text
            if text is None and self.file is not None:
                try:
                    text = _decode(Path(self.file).read_bytes(), self.path)[0]
                except OSError:  # gone since it was parsed (a temporary import folder)
                    text = None
            try:
                self._root = yaml.compose(text or "", Loader=_Loader) or False
            except yaml.YAMLError:
                self._root = False
        return self._root or None

    def mark(self, loc: PathKey, *, prefer_key: bool = False) -> Mark:
        """The mark of ``loc`` or of its nearest located ancestor."""
        node = self._tree()
        if node is None:
            return Mark(1, 1)
        key_node = None
        for depth, part in enumerate(loc):
            inner, key = _child(node, part)
            if inner is None:
                return _mark(node)
            node, key_node = inner, key
            if depth == len(loc) - 1 and prefer_key and key_node is not None:
                return _mark(key_node)
        return _mark(node)

    def problem(self, loc: PathKey, message: str, **kwargs: Any) -> Problem:
        """A problem located at ``loc`` in this document."""
        mark = self.mark(loc, prefer_key=kwargs.pop("prefer_key", False))
        field_name = kwargs.pop("field", None)
        if field_name is None:
            field_name = ".".join(str(p) for p in loc)
        return Problem(self.path, mark.line, mark.column, message, field_name, **kwargs)


def _child(node: yaml.Node, part: str | int) -> tuple[Any, Any]:
    """The value node under ``part`` (and its key node), first occurrence wins."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return value_node, key_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], None
    return None, None


class YamlProblem(Exception):
    """Raised inside the builder; turned into a located :class:`Problem`."""

    def __init__(self, message: str, mark: Mark) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Builder:
    """Turns a composed node tree into plain Python values, within limits."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.seen: set[int] = set()
        self.nodes = 0
        self.aliases = 0
        self.constructor = yaml.constructor.SafeConstructor()
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlProblem(f"内容过大或别名嵌套过深（超过 {MAX_NODES} 个值），已拒绝读取", _mark(node))
        kind = node.__class__
        if kind is yaml.ScalarNode:
            return self._scalar(node)
        if id(node) in self.seen:
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise YamlProblem(f"别名（*引用）使用过多（超过 {MAX_ALIASES} 次），已拒绝读取", _mark(node))
        self.seen.add(id(node))
        if kind is yaml.MappingNode:
            return self._mapping(node)  # type: ignore[arg-type]
        return [self.build(item) for item in node.value]

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise YamlProblem("不支持合并键“<<”，请直接写出每个字段", _mark(key_node))
            key = self._scalar(key_node) if key_node.__class__ is yaml.ScalarNode else None
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise YamlProblem("字段名必须是简单的文字", _mark(key_node))
            key = str(key)
            if key in result:
                # keep the first value, report the second: nothing is silently replaced
                mark = _mark(key_node)
                message = f"字段“{key}”重复出现（第一次在第 {first_lines[key]} 行），请删去其中一个"
                self.problems.append(Problem(self.path, mark.line, mark.column, message, key))
                continue
            first_lines[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        key = (tag, node.value)
        if key in _CONSTRUCTED:
            return _CONSTRUCTED[key]
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            if tag == "tag:yaml.org,2002:timestamp":
                raise YamlProblem(f"日期“{node.value}”不存在，请检查月份和日", _mark(node)) from exc
            raise YamlProblem(f"无法读取这个值：“{node.value}”", _mark(node)) from exc
        finally:
            self.constructor.constructed_objects.clear()
        if isinstance(value, dt.datetime):
            value = value.date() if value.time() == dt.time() and value.tzinfo is None else value
        if isinstance(value, _IMMUTABLE) and len(_CONSTRUCTED) < _CACHE_LIMIT:
            _CONSTRUCTED[key] = value
        return value


def _decode(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            raw.decode("gb18030")
            hint = "看起来是 GBK/GB18030 编码（Windows 记事本或 Excel 的“ANSI”格式）"
        except UnicodeDecodeError:
            hint = "不是 UTF-8 编码"
        message = f"文件{hint}，请在编辑器中用“UTF-8”编码重新保存"
        return None, Problem(path, line, column, message)


def parse_yaml(text: str, path: str, *, file: Path | None = None) -> tuple[LocatedDocument | None, list[Problem]]:
    """Parse YAML text into a :class:`LocatedDocument`, or return located problems.

    With ``file`` the document re-reads that file when it must locate a problem, instead of
    keeping the text in memory.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and _starts_at_context(exc):
            mark = exc.context_mark  # the bracket or quote that was never closed
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(path, line, column, _yaml_message(exc))]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, f"YAML 格式错误：{exc}")]
    if node is None:
        return None, [Problem(path, 1, 1, "文件是空的")]
    builder = _Builder(path)
    try:
        data = builder.build(node)
    except YamlProblem as exc:
        return None, [Problem(path, exc.mark.line, exc.mark.column, exc.message)]
    except RecursionError:
        return None, [Problem(path, 1, 1, "内容嵌套过深，已拒绝读取")]
    doc = LocatedDocument(path=path, data=data, file=file, text=None if file else text,
                          may_hold_numbers=_may_hold_numbers(data))
    return doc, builder.problems


def _may_hold_numbers(data: Any) -> bool:
    """True if a value that may be published (any text or whole number outside the private
    fields, which are never published, and the filing numbers, which are public by law)
    holds a personal number. Only such records are masked word by word when published
    (a person's file with a phone number only under ``phone`` need not be), and scanned for
    warnings; the values are the parsed ones, so "\\x31\\x33…" in quotes counts too."""
    from generator.model.privacy import PRIVATE_FIELDS, REGISTRATION_FIELDS, find_numbers

    skipped = PRIVATE_FIELDS | REGISTRATION_FIELDS
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(inner for key, inner in value.items() if key not in skipped)
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str | int) and not isinstance(value, bool):
            if next(find_numbers(str(value)), None) is not None:
                return True
    return False


def _starts_at_context(exc: yaml.MarkedYAMLError) -> bool:
    context = exc.context or ""
    return "flow" in context or "quoted scalar" in context


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    known = {
        "mapping values are not allowed": "这里不能出现“:”：可能是这一行多了缩进空格，或含冒号的文字没有加引号",
        "could not find expected ':'": "缺少“:”——每一行应写成“字段: 值”",
        "found character '\\t' that cannot start any token": "不能用 Tab 键缩进，请改用空格",
        "found undefined alias": "引用了不存在的锚点（*名称）",
        "expected <block end>, but found '<block mapping start>'": "缩进不一致：同一层的字段要对齐",
        "expected <block end>, but found '-'": "缩进不一致：列表项“-”要与同层字段对齐",
        "found unknown escape character": "双引号里有无法识别的反斜杠“\\”，请改用单引号",
        "did not find expected ',' or ']'": "方括号“[”没有闭合，或列表项之间缺少英文逗号“,”",
        "did not find expected ',' or '}'": "花括号“{”没有闭合，或字段之间缺少英文逗号“,”",
        "found unexpected end of stream": "引号没有闭合",
        "did not find expected key": "缩进不一致或缺少“字段:”",
        "did not find expected '-' indicator": "列表项“-”的缩进不一致",
        "found character that cannot start any token": (
            "这一行开头有不能使用的字符（例如 @ 或 `），含这些字符的文字请加引号"
        ),
    }
    for english, chinese in known.items():
        if problem.startswith(english):
            return f"YAML 格式错误：{chinese}"
    if "expected" in problem and "block end" in problem:
        return "YAML 格式错误：缩进不一致，请检查这一行和上一行的空格"
    return f"YAML 格式错误：无法解析这一行（{problem or exc}）"


def load_yaml_file(path: Path, display: str) -> tuple[LocatedDocument | None, list[Problem]]:
    """Read ``path`` (shown to users as ``display``) with size and encoding checks."""
    return read_yaml_file(path, display)[1]


def read_yaml_file(path: Path, display: str) -> tuple[bytes | None, tuple[LocatedDocument | None, list[Problem]]]:
    """Like :func:`load_yaml_file`, plus the digest of the very bytes that were parsed
    (``None`` when the file could not be read), so that a cache entry can never pair
    one version's digest with another version's values."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // 1024 // 1024
            return None, (None, [Problem(display, 1, 1, f"文件过大（{size // 1024} KB，上限 {limit} MB）")])
        raw = path.read_bytes()
    except OSError as exc:
        return None, (None, [Problem(display, 1, 1, f"无法读取文件：{exc.strerror or exc}")])
    text, problem = _decode(raw, display)
    if problem is not None:
        return digest_of(raw), (None, [problem])
    assert text is not None
    return digest_of(raw), parse_yaml(text, display, file=path)


def digest_of(raw: bytes) -> bytes:
    """The digest that identifies a file's bytes in every cache."""
    return hashlib.blake2b(raw, digest_size=16).digest()
