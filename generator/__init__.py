"""jinlin (近邻): static publishing for neighbourhood community work.

The package follows the pipeline: ``load`` (YAML → located documents) → ``model``
(typed records, references resolved, figures derived) → ``site`` and ``print``
(two renderers of the same public view).
"""

__version__ = "0.1.0"
