"""The inputs of a transition: a Django form with Chinese labels and messages, bound to the record
and the person acting (so choices can depend on them, e.g. the reviewers of the reviewing office).

The same form parses a browser's POST and the plain values a service caller passes (dates as
``date``, booleans, model instances or their keys): Django's fields accept both.
"""

from __future__ import annotations

from typing import Any

from django import forms


class TransitionForm(forms.Form):
    """Base of every transition's inputs. Override :meth:`setup` to narrow choices by record/actor.

    A record page shows the forms of all its available steps at once, so the element ids carry the
    step's name: two steps with the same input (``on``, ``reason``) never share an id, and each label
    finds its own field."""

    def __init__(self, data: Any = None, files: Any = None, *, obj: Any = None, actor: Any = None,
                 transition: Any = None, prefix: str | None = None, **kwargs: Any) -> None:
        if transition is not None and "auto_id" not in kwargs:
            kwargs["auto_id"] = f"id_{transition.name}_%s"
        super().__init__(data, files, prefix=prefix, **kwargs)
        self.obj, self.actor, self.transition = obj, actor, transition
        self.setup()

    def setup(self) -> None:
        """Hook: adjust fields for ``self.obj`` and ``self.actor`` (querysets, initial values)."""

    def first_error(self) -> tuple[str | None, str]:
        """(field, "标签：message") of the first error, for a one-line message."""
        for name, errors in self.errors.items():
            if not errors:
                continue
            if name == "__all__":
                return None, str(errors[0])
            label = self.fields[name].label if name in self.fields else name
            return name, f"{label}：{errors[0]}"
        return None, "输入有误"


class Lines(forms.CharField):
    """A textarea whose non-empty lines become a list (e.g. opinion items, 补正事项)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list | tuple):
            lines = [str(v) for v in value]
        else:
            lines = str(super().to_python(value) or "").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list | tuple) else value


def text_field(label: str, *, required: bool = True, rows: int = 0, max_length: int | None = None,
               help_text: str = "") -> forms.CharField:
    """A text input (``rows``: a textarea) with the platform's Chinese messages."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget,
                           help_text=help_text, strip=True)


def date_field(label: str, *, required: bool = True, help_text: str = "", today: bool = True) -> forms.DateField:
    """A date input; ``today``: shown filled with today's date (the usual day of a step)."""
    from django.utils import timezone

    return forms.DateField(label=label, required=required, help_text=help_text,
                           initial=timezone.localdate if today else None,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
