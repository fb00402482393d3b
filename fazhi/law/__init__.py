"""Law as data: dated, sourced, validated parameters (pure Python, no Django).

>>> from datetime import date
>>> from fazhi.law import param
>>> p = param("reconsideration.acceptance_review", on=date(2025, 9, 26), jurisdiction="110105")
>>> p.value, p.unit.value, p.reference.article
(5, 'working_days', '第三十条第一款')
"""

from fazhi.law.jurisdiction import ancestors
from fazhi.law.loader import LawDataError, Problem
from fazhi.law.model import NATIONAL, LawLookupError, ModeRule, Parameter, ParamValue, Reference
from fazhi.law.store import Registry, check, configure, load_registry, param, registry
from fazhi.law.units import Mode, Unit, Verified

__all__ = [
    "NATIONAL",
    "LawDataError",
    "LawLookupError",
    "Mode",
    "ModeRule",
    "ParamValue",
    "Parameter",
    "Problem",
    "Reference",
    "Registry",
    "Unit",
    "Verified",
    "ancestors",
    "check",
    "configure",
    "load_registry",
    "param",
    "registry",
]
