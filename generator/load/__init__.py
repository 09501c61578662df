"""Loading: YAML files on disk → located documents (values plus line/column of every path)."""

from generator.load.yamlfile import LocatedDocument, Mark, load_yaml_file, parse_yaml

__all__ = ["LocatedDocument", "Mark", "load_yaml_file", "parse_yaml"]
