"""``make bench``: the city-scale speed and memory figures of issue 6, each next to its
target, measured on this machine in one run (see :mod:`generator.bench`)."""
