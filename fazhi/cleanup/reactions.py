"""What a clean-up campaign does when normative documents change (subscribers declared in the
manifest; fazhi.normdocs raises the events and never imports this app)."""

from __future__ import annotations

from fazhi.platform.events import Event


def document_amended(event: Event) -> None:
    """An amending document was published for ``event.obj``: the 待办 to draft it, opened when a
    published campaign decided 修改, is done."""
    from .services import amendment_published

    amendment_published(actor=event.actor, amended_document_id=event.obj.pk)
