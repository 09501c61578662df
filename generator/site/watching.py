"""``serve`` notices saves through the system's file events where it can.

MkDocs' live-reload server polls every watched tree twice a second. For a city's
content (8,000 files) one poll costs a tenth of a second of CPU, taken from the
rebuild it competes with, and a save waits up to half a second to be noticed. On
Linux (inotify) and macOS (FSEvents) watchdog's native observer reports a save at
once; where it cannot start (no such API, or the system's limit of watches reached)
MkDocs' polling stays.
"""

from __future__ import annotations

import inspect
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.jinlin")


def watch_natively(server: Any, paths: list[Path]) -> bool:
    """Give ``server`` (MkDocs' ``LiveReloadServer``, before it starts) a native observer
    watching what it watched so far; ``paths`` are probed first. False if it keeps polling."""
    try:
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return False
    watched = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    if Observer is PollingObserver or not isinstance(watched, dict) or not isinstance(refs, dict):
        return False
    if "event_filter" not in inspect.signature(Observer.schedule).parameters:
        return False  # watchdog < 4: it would report reading a file as a change
    if not _can_watch([p for p in paths if p.is_dir()]):
        return False
    earlier = list(watched)
    watched.clear()
    refs.clear()
    server.observer = _changes_only(Observer)()
    for path in earlier:
        server.watch(path)
    return True


def _changes_only(observer: type[Any]) -> type[Any]:
    """``observer`` reporting only what writes a file: inotify also reports a file being
    opened and closed, and every build reads the file that was saved — MkDocs would
    then build everything a second time after each save."""
    from watchdog import events

    changes = [events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent,
               events.FileMovedEvent, events.FileClosedEvent]

    class ChangesOnly(observer):  # type: ignore[misc, valid-type]
        def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False,
                     event_filter: Any = None, follow_symlink: bool = False) -> Any:
            return super().schedule(event_handler, path, recursive=recursive,
                                    event_filter=event_filter or changes, follow_symlink=follow_symlink)

    return ChangesOnly


def _can_watch(folders: list[Path]) -> bool:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    probe = Observer()
    try:
        for folder in folders:
            probe.schedule(FileSystemEventHandler(), str(folder), recursive=True)
        probe.start()
    except OSError as exc:  # e.g. the inotify watch limit
        log.info(f"无法使用系统的文件变动通知（{exc}），改为定时检查文件")
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True
