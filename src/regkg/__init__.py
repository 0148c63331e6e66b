"""regkg: a comparative regulation knowledge graph of Chinese and EU AI rules."""

__version__ = "0.1.0"
