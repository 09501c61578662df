"""The model: typed records, references resolved, scores and figures derived."""
