"""Fazhi (法治): a platform on which a government runs its rule-of-law work end to end."""

__version__ = "0.1.0"
