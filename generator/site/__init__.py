"""The public showcase website: pages generated from the :class:`PublicView`, an own
MkDocs theme (``templates/site/``), photos, charts, feeds, open data and Pagefind search.

Rendering lives in plain functions (``pages/``, ``charts``, ``media`` …) that tests call
without MkDocs; :mod:`generator.site.plugin` is the thin MkDocs glue.
"""
