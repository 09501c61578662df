"""Not rendering pages whose inputs did not change.

A rebuild after one edit must not render 10,000 page bodies again. Each body is a pure
function of its template, the values passed to it, the page's address and the build's
shared inputs (the theme's files, jinlin's code, the site settings, the photos). So
:class:`RenderMemo` keys every body by a :func:`fingerprint` of exactly that, and when
the key matches the last build's, hands back a :class:`DeferredBody`: the page is
rendered only if something else about it changed (its title, say).

Templates may also reach into ``ctx`` and ``view`` (the whole site). Those inputs are
not in the key, so every render watches them (:class:`Watched`): a page that touched
anything but ``ctx.thumb`` (a photo of a record that is in the key) is never skipped.
The choice is made again each build from what the page did in the last one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

PURE_HELPERS = frozenset({"thumb"})
"""``ctx`` attributes that depend only on their arguments and the shared inputs."""


class Unkeyable(Exception):
    """A value the fingerprint cannot describe (the page is then always rendered)."""


class Fingerprinter:
    """Stable digests of the values pages are rendered from (the same bytes in every
    process, unlike ``hash()``): containers are walked, the view's frozen dataclasses
    pickled, settings records taken as JSON, any other object by what its class's
    ``__fingerprint__`` gives; an object seen before in this build is not digested twice.
    A value without a stable form can only cost a render, never skip one wrongly: the key
    then differs from run to run."""

    def __init__(self, previous: Fingerprinter | None = None,
                 known: dict[int, tuple[object, bytes]] | None = None) -> None:
        self._seen: dict[int, tuple[object, bytes]] = {}
        self._previous = previous._seen if previous is not None else {}
        """``serve``: the last build's digests. The public view lends unchanged records to
        the next one as the very same (immutable) objects, so their digests still hold."""
        self._known = known if known is not None else {}
        """Digests kept with the objects themselves (public records lent from the disk, see
        :meth:`~generator.model.public.PublicView.lend_stored`; the mapping may grow)."""

    def seed(self, value: object, digest: bytes) -> None:
        """Take ``digest`` as ``value``'s, known from what it was computed from (the
        星级 results of a month, say, from that month's sheets and rules). A list seeded
        so must not change during the build."""
        self._seen[id(value)] = (value, digest)

    def forget_previous(self) -> None:
        """Drop the last build's digests (after this build: they keep its objects alive)."""
        self._previous = {}

    def of_record(self, value: object) -> bytes | None:
        """The digest a record or other object is fed into keys with (``None`` for a value
        without one)."""
        try:
            return self._object(value)
        except Unkeyable:
            return None

    def digest(self, value: object) -> bytes:
        hasher = hashlib.blake2b(digest_size=16)
        self._feed(hasher, value)
        return hasher.digest()

    def _feed(self, hasher: Any, value: object) -> None:
        kind = type(value)
        if kind in _OBJECTS_FIRST:  # the common cases first: a list of records, a record
            if kind is list or kind is tuple:
                seen, feed = self._seen, self._feed
                found = seen.get(id(value))
                if found is not None and found[0] is value:  # a list seeded as a whole
                    hasher.update(found[1])
                    return
                hasher.update(b"[")
                for item in value:  # type: ignore[attr-defined]
                    found = seen.get(id(item))
                    if found is not None and found[0] is item:
                        hasher.update(found[1])
                    else:
                        feed(hasher, item)
                hasher.update(b"]")
            else:
                hasher.update(f"{kind.__name__}:{value!r}\x00".encode())
            return
        if kind is dict and all(type(k) is str for k in value):  # a page's context
            hasher.update(b"{")
            for key in sorted(value):  # type: ignore[call-overload]
                hasher.update(f"str:{key!r}\x00".encode())  # as a str is fed, above
                self._feed(hasher, value[key])  # type: ignore[index]
            hasher.update(b"}")
            return
        found = self._seen.get(id(value))
        if found is not None and found[0] is value:  # a record digested before
            hasher.update(found[1])
        elif value is None or isinstance(value, str | int | float | bool | dt.date | Path):
            hasher.update(f"{type(value).__name__}:{value!r}\x00".encode())
        elif isinstance(value, tuple | list):
            hasher.update(b"[")
            for item in value:
                self._feed(hasher, item)
            hasher.update(b"]")
        elif isinstance(value, dict):
            hasher.update(b"{")
            keys = value.keys()
            for key in sorted(keys) if all(type(k) is str for k in keys) else sorted(keys, key=repr):
                self._feed(hasher, key)
                self._feed(hasher, value[key])
            hasher.update(b"}")
        else:
            hasher.update(self._object(value))

    def _object(self, value: object) -> bytes:
        found = self._seen.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        found = self._previous.get(id(value)) or self._known.get(id(value))
        if found is not None and found[0] is value:
            self._seen[id(value)] = found
            return found[1]
        if isinstance(value, BaseModel):
            data = type(value).__qualname__.encode() + value.model_dump_json().encode()
        elif (stand_in := getattr(type(value), "__fingerprint__", None)) is not None:
            # a value that says what stands for it (a month of 星级 results read lazily)
            data = type(value).__qualname__.encode() + self.digest(stand_in(value))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            data = _pickled(value)
        else:
            raise Unkeyable(type(value).__qualname__)
        digest = hashlib.blake2b(data, digest_size=16).digest()
        self._seen[id(value)] = (value, digest)  # the value is kept alive: its id stays its own
        return digest


_OBJECTS_FIRST = frozenset({list, tuple, str, int, bool, float, type(None), dt.date})
"""Exact types :meth:`Fingerprinter._feed` handles without ``isinstance`` (subclasses such
as ``Markup`` or ``datetime`` take the general path, with their own type name)."""


def _pickled(value: object) -> bytes:
    """``value`` pickled without the memo (``fast``): the same bytes whether or not two
    fields happen to share one string object, which differs from run to run."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True  # the public view's values are trees: no cycles to guard against
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError) as exc:
        raise Unkeyable(type(value).__qualname__) from exc
    return out.getvalue()


class DeferredBody(str):
    """An empty stand-in for a body whose inputs did not change; :meth:`render` makes the
    real one if the page is needed after all."""

    key: str
    render: Callable[[], str]

    def __new__(cls, key: str, render: Callable[[], str]) -> DeferredBody:
        body = super().__new__(cls, "")
        body.key = key
        body.render = render  # type: ignore[method-assign]
        return body


class DeferredFile(bytes):
    """An empty stand-in for a generated file whose inputs did not change; :meth:`make`
    produces the real bytes if they are needed after all."""

    key: str
    make: Callable[[], bytes]

    def __new__(cls, key: str, make: Callable[[], bytes]) -> DeferredFile:
        data = super().__new__(cls, b"")
        data.key = key
        data.make = make  # type: ignore[method-assign]
        return data


class PendingFile(bytes):
    """An empty stand-in for a generated file whose inputs changed: :meth:`make` produces
    its bytes when the file is written, after the pages are collected (open data, while
    Pagefind indexes the pages: the files are not searched)."""

    make: Callable[[], bytes]

    def __new__(cls, make: Callable[[], bytes]) -> PendingFile:
        data = super().__new__(cls, b"")
        data.make = make  # type: ignore[method-assign]
        return data


class Watched:
    """``ctx`` or ``view`` as templates see them during a keyed render: every attribute
    read is noted, so that a page depending on the whole site is not skipped later."""

    def __init__(self, target: object, seen: set[str]) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_seen", seen)

    def __getattr__(self, name: str) -> Any:
        self._seen.add(name)
        return getattr(self._target, name)


class RenderMemo:
    """Body keys of the last build (page URL → key, ``None`` where the page was not
    pure) and of this one; ``salt`` covers the shared inputs."""

    def __init__(self, previous: dict[str, str | None], salt: bytes,
                 fingerprints: Fingerprinter | None = None,
                 known: dict[int, tuple[object, bytes]] | None = None) -> None:
        self.previous = previous
        self.keys: dict[str, str | None] = {}
        self.salt = salt
        self.fingerprints = Fingerprinter(fingerprints, known)

    def key(self, template: str, here: str, context: dict[str, object]) -> str | None:
        """The body key of a page, or ``None`` if a value cannot be fingerprinted."""
        try:
            values = self.fingerprints.digest(context)
        except Unkeyable:
            return None
        return hashlib.blake2b(self.salt + f"\x00{template}\x00{here}\x00".encode() + values,
                               digest_size=16).hexdigest()

    def unchanged(self, here: str, key: str | None) -> bool:
        """True if the page at ``here`` was rendered from the same inputs last time."""
        if key is not None and self.previous.get(here) == key:
            self.keys[here] = key
            return True
        return False

    def rendered(self, here: str, key: str | None, touched: set[str]) -> None:
        """Remember a render; a page that read the whole site gets no key."""
        self.keys[here] = key if touched <= PURE_HELPERS else None


def salt(*parts: bytes) -> bytes:
    """One digest of the build's shared inputs."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(hashlib.blake2b(part, digest_size=16).digest())
    return hasher.digest()
