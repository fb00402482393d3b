"""Two-factor (TOTP) enrolment and verification, as services: the views only render."""

from __future__ import annotations

import base64
from typing import Any

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.audit.services import record


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed device being enrolled, created on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="动态口令", confirmed=False)


def device_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


@transaction.atomic
def enrol(*, user: Any, device: TOTPDevice, token: str) -> bool:
    """Confirm the device if the token is right; the old device, if any, stops working."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    record(actor=user, code="auth.two_factor_enrol", obj=user)
    return True


def verify(*, user: Any, token: str) -> TOTPDevice | None:
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            record(actor=user, code="auth.two_factor_verify", obj=user)
            return device
    return None
