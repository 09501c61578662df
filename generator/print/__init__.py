"""The print renderer: monthly 工作简报 (work bulletins) as PDF, through WeasyPrint.

Pipeline: :class:`~generator.model.public.PublicView` → :mod:`.bulletin` (one month's
:class:`~generator.print.bulletin.Bulletin`: sections, numbers, 版记; at city scale the
summaries of :mod:`.digest`) → :mod:`.html` (Jinja templates in ``templates/print/``) →
:mod:`.pdf` (WeasyPrint, in the worker processes of :mod:`.workers`) → :mod:`.bulletins`
(the public entry points, with a cache of unchanged months, and :mod:`.fingerprint` for a
content folder in which nothing changed).

Fonts (简报 conventions name commercial faces; jinlin prints with free Debian packages):

=========  ==========================  ===========================================
role       GB/T 9704 face              substitute (Debian package)
=========  ==========================  ===========================================
title      方正小标宋                  Noto Serif CJK SC **Black** (fonts-noto-cjk-extra)
body       仿宋_GB2312                 Noto Serif CJK SC Regular (fonts-noto-cjk) — no
                                       well-kept free 仿宋 is packaged
headings   黑体 (一、)                 Noto Sans CJK SC (fonts-noto-cjk)
headings   楷体_GB2312 (（一）)        LXGW WenKai 霞鹜文楷 (fonts-lxgw-wenkai)
=========  ==========================  ===========================================

``site.yml`` may name other installed families under ``fonts:`` (serif/title/sans/kai).
"""
