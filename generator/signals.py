"""Ctrl-C with worker processes: only the main process should hear it.

A terminal sends SIGINT to every process of the command. Spawned workers that are still
importing, or waiting for work, would each print a Python traceback; the main process
already stops cleanly (the site folder untouched) and says so in Chinese.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def workers_ignore_ctrl_c() -> Iterator[None]:
    """Start worker processes inside this block: they inherit an ignored SIGINT (Python
    keeps an inherited "ignore"), while the main process handles Ctrl-C as before once the
    block ends. Keep the block short: a Ctrl-C during it is lost."""
    if threading.current_thread() is not threading.main_thread():  # `serve` builds in a thread
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
