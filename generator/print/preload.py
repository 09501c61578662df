"""What the render workers' fork server imports once, before it forks any worker.

With *spawn*, each of the two workers started a fresh Python and imported WeasyPrint and
its libraries itself: 1.2–1.4 s of CPU each (cffi reading Pango's declarations alone is a
third of it), paid again at every pool. The fork server (see :mod:`.workers`) imports this
module once, then forks every worker from it: the imports, the font file sharing and the
frozen collector state come with the fork.

Nothing here renders: a process that has laid text out with Pango must not fork
(WeasyPrint #684). Importing WeasyPrint reads fontconfig's configuration and font list
once and releases them at once, and registers GLib's types: one thread, and no font
or fontconfig cache kept (the tests check the cache files are not mapped). SIGINT is
ignored here so that the workers, which keep the server's handlers, ignore it too (see
:mod:`generator.signals`).
"""

from __future__ import annotations

import gc
import signal

import weasyprint  # type: ignore[import-untyped]  # noqa: F401
import weasyprint.pdf.fonts  # type: ignore[import-untyped]  # noqa: F401
import weasyprint.text.fonts  # type: ignore[import-untyped]  # noqa: F401

from generator.print import pdf  # noqa: F401
from generator.print.fontfiles import share_font_files, share_subsets, subset_in_one_pass

share_font_files()
share_subsets()
subset_in_one_pass()
signal.signal(signal.SIGINT, signal.SIG_IGN)
gc.collect()
gc.freeze()
