"""What the filing body does when normative documents change (subscribers declared in the manifest;
fazhi.normdocs raises the events and never imports this app)."""

from __future__ import annotations

from fazhi.platform.events import Event


def document_filed(event: Event) -> None:
    """报送备案: the filing body receives the document in the filing's transaction, at the reviewing
    agency the filer chose (else the receiving government's legal-affairs office). The platform
    filing for itself (demo, data walks) is not checked for the issuer's rights."""
    from .services import filing_submit

    filing_submit(actor=event.actor, document=event.obj, on=event.on,
                  reviewing_agency=event.data.get("reviewing_agency"))
