"""Extraction layers: definitions, actors, duties, cross-references, penalties (rules kept as data files)."""
