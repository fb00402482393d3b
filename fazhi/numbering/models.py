"""The counters of the number series: one row per issuing agency, series kind and year."""

from __future__ import annotations

from django.db import models

from fazhi.org.models import Agency


class Counter(models.Model):
    """The last serial given in one series (e.g. 示政规〔2026〕 of 示例市人民政府). Written only by
    ``services.number_next``, under the row lock, in the caller's transaction."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="编号机关")
    kind = models.CharField("编号序列", max_length=60)
    year = models.PositiveSmallIntegerField("年份")
    last = models.PositiveIntegerField("已编至", default=0)

    class Meta:
        verbose_name = "编号计数器"
        verbose_name_plural = "编号计数器"
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="numbering_counter_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.agency_id} {self.year}: {self.last}"
