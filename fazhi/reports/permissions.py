from __future__ import annotations

from typing import Any

from fazhi.org.roles import Capability, capabilities_of


def can_upload(user: Any) -> bool:
    return Capability.ANALYSE_REPORTS in capabilities_of(user)
