"""The events written before chains existed are the platform chain, in their order; the old head row
(pk 1) is its head. Only plain ORM updates, so it runs the same on SQLite and PostgreSQL.

Going back is possible only while nothing but the platform chain exists: events of two chains cannot
be merged into one without sealing them again, which would throw away their tamper evidence."""

from django.db import migrations

PLATFORM = "platform"


def forward(apps, schema_editor):
    Head = apps.get_model("audit", "AuditChainHead")
    Event = apps.get_model("audit", "AuditEvent")
    Event.objects.exclude(chain=PLATFORM).update(chain=PLATFORM)
    # The old code read and wrote only the row with pk 1; any other row was never part of the chain.
    Head.objects.exclude(pk=1).delete()
    Head.objects.filter(pk=1).update(chain=PLATFORM, name="平台")


def backward(apps, schema_editor):
    Head = apps.get_model("audit", "AuditChainHead")
    Event = apps.get_model("audit", "AuditEvent")
    if Event.objects.exclude(chain=PLATFORM).exists() or Head.objects.exclude(chain=PLATFORM).exists():
        raise RuntimeError("已有按行政区划分开的审计链，不能回退到单一审计链")
    # the single chain's code reads its head as pk 1
    if not Head.objects.filter(pk=1).exists():
        Head.objects.filter(chain=PLATFORM).update(id=1)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain_fields")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
