"""The 编辑手册 (editors' handbook) read from the code itself.

The handbook pages of the site (``handbook/``, built by :mod:`generator.site.pages.handbook`)
describe every record kind from the pydantic models' field descriptions
(:mod:`generator.handbook.fields`), show complete examples that are real YAML files in
``generator/handbook/examples/`` (itself a valid content folder, checked by the tests)
and list the privacy rules from the same sources the masking code uses. Nothing in the
handbook is typed twice, so it cannot drift from what ``jinlin check`` accepts.
"""
