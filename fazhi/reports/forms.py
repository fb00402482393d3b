from __future__ import annotations

from typing import Any

from django import forms


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".docx,.pdf,.txt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="报告文件", help_text="可多选：.docx、.pdf（含文字层）、.txt，单个文件不超过 20 MB"
    )
    name = forms.CharField(label="批次名称", max_length=100, required=False)
    year = forms.IntegerField(
        label="报告年度", min_value=2000, max_value=2100, required=False, help_text="报告未写明年度时使用"
    )
