"""Mutuality: a local-first clinical workspace for Relational-Cultural Therapy."""

__version__ = "0.1.0"
