"""Printed honours: 荣誉证书 for 最美党员、最美群众 … and 星级楼栋 plaques, as print-ready PDFs.

Pipeline: raw :class:`~generator.model.content.Content` → :mod:`.records` (one month's
:class:`~.records.MonthHonours`: certificates for every honoured person, public or not, and
plaques for every building with stars) → :mod:`.html` (``templates/print/certificate*`` and
``plaque*``; stars and frame corners from :mod:`.shapes`) → :mod:`.render` (the bulletin's
WeasyPrint jobs, cache and worker pool).

Why not the public view: a certificate goes to the person even when their record is not
public, so these PDFs read the raw content — and for that reason they are written to
``print/`` beside the site folder, never into it (see ``generator/commands/certificates.py``).

Fonts (the bulletin's families from ``site.yml``): 荣誉证书 and 星级楼栋 in the title face
(Noto Serif CJK SC Black, for 小标宋); the text in 楷体 (LXGW WenKai, Regular and Bold), as
certificates traditionally are; dates in Chinese numerals (二〇二六年十月三十一日).
"""

from generator.print.honours.records import MonthHonours, honour_months, month_honours
from generator.print.honours.render import HonoursFile, render_all, render_month

__all__ = ["HonoursFile", "MonthHonours", "honour_months", "month_honours", "render_all",
           "render_month"]
