"""Append-only audit events, chained with HMAC-SM3. Data only; writing is ``audit.services.record``.

There is one chain per top-level jurisdiction and one for the platform (``audit.chains``): each event
belongs to one chain, numbered 1, 2, 3 … within it, and links to the previous event of that chain.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class AppendOnlyError(RuntimeError):
    pass


PLATFORM_CHAIN = "platform"


class AuditEvent(models.Model):
    # the chain the event belongs to: a jurisdiction code (GB/T 2260) or "platform"; kept on the event,
    # so an agency that later moves in the tree leaves its old events where they were written
    chain = models.CharField("审计链", max_length=16, default=PLATFORM_CHAIN)
    seq = models.BigIntegerField("序号")
    occurred_at = models.DateTimeField("时间", db_index=True)
    code = models.CharField("事件", max_length=64, db_index=True)
    actor_id = models.BigIntegerField("操作人ID", null=True, db_index=True)
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    agency_id = models.BigIntegerField("单位ID", null=True, db_index=True)
    agency_name = models.CharField("单位", max_length=100, blank=True)
    client_ip = models.GenericIPAddressField("客户端IP", null=True, blank=True)
    object_type = models.CharField("对象类型", max_length=64, blank=True, db_index=True)
    object_id = models.CharField("对象ID", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    source_state = models.CharField("原状态", max_length=40, blank=True)
    target_state = models.CharField("新状态", max_length=40, blank=True)
    reason = models.TextField("说明", blank=True)
    changes = models.JSONField("变更内容", default=dict, blank=True)
    before_digest = models.CharField("变更前摘要", max_length=64, blank=True)
    after_digest = models.CharField("变更后摘要", max_length=64, blank=True)
    prev_mac = models.CharField(max_length=64)
    mac = models.CharField(max_length=64)

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_unique_seq_in_chain")]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.code}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The application never rewrites history; only the chain writer inserts.
        if self.pk is not None or not getattr(self, "_chain_insert", False):
            raise AppendOnlyError("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("审计日志不能删除")


class AuditChainHead(models.Model):
    """One row per chain: its last sequence and MAC. Locking it serialises the writers of that chain
    (only), so the chain has no forks. ``anchor_*`` is where verification starts after old events
    were pruned by retention."""

    chain = models.CharField("审计链", max_length=16, unique=True)
    name = models.CharField("名称", max_length=64, blank=True)  # 示例市, 平台: as it was when the chain began
    last_seq = models.BigIntegerField(default=0)
    last_mac = models.CharField(max_length=64, default="0" * 64)
    anchor_seq = models.BigIntegerField(default=0)
    anchor_mac = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"
        ordering = ["chain"]

    def __str__(self) -> str:
        return f"审计链头 {self.name or self.chain} #{self.last_seq}"
