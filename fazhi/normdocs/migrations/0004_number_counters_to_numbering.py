"""文号 counters move to fazhi.numbering: each DocNumberCounter (prefix, year) is carried into a
numbering.Counter (issuer, "normdocs.document", year) for every issuer whose documents carry that prefix
in that year and every agency whose default prefix (简称 or the name's first two characters + 规) it is.
A prefix shared by several issuers gives each of them the shared last serial, so none of them can be
given a number another already holds; then DocNumberCounter is dropped."""

from django.db import migrations
from django.db.models import Max

KIND = "normdocs.document"


def _default_prefix(agency) -> str:
    return f"{agency.short_name or agency.name[:2]}规"


def carry(apps, schema_editor):
    Old = apps.get_model("normdocs", "DocNumberCounter")
    Counter = apps.get_model("numbering", "Counter")
    Document = apps.get_model("normdocs", "NormativeDocument")
    Agency = apps.get_model("org", "Agency")
    if not Old.objects.exists():
        return
    by_prefix: dict[str, set[int]] = {}
    for agency in Agency.objects.only("pk", "name", "short_name"):
        by_prefix.setdefault(_default_prefix(agency), set()).add(agency.pk)
    last: dict[tuple[int, int], int] = {}
    for old in Old.objects.all():
        issuers = set(Document.objects.filter(doc_prefix=old.prefix, doc_year=old.year)
                      .values_list("issuer_id", flat=True))
        for agency_id in issuers | by_prefix.get(old.prefix, set()):
            key = (agency_id, old.year)
            last[key] = max(last.get(key, 0), old.last)
    for (agency_id, year), value in last.items():
        counter, created = Counter.objects.get_or_create(agency_id=agency_id, kind=KIND, year=year,
                                                         defaults={"last": value})
        if not created and counter.last < value:
            Counter.objects.filter(pk=counter.pk).update(last=value)


def uncarry(apps, schema_editor):
    """Back: each prefix's counter is the highest serial its documents hold (the old counters were so)."""
    Old = apps.get_model("normdocs", "DocNumberCounter")
    Document = apps.get_model("normdocs", "NormativeDocument")
    rows = (Document.objects.exclude(doc_prefix="").filter(doc_year__isnull=False, doc_serial__isnull=False)
            .values("doc_prefix", "doc_year").annotate(last=Max("doc_serial")))
    for row in rows:
        Old.objects.update_or_create(prefix=row["doc_prefix"], year=row["doc_year"], defaults={"last": row["last"]})


class Migration(migrations.Migration):

    dependencies = [
        ('normdocs', '0003_search_index'),
        ('numbering', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(carry, uncarry),
        migrations.RemoveConstraint(
            model_name='docnumbercounter',
            name='normdoc_counter_unique',
        ),
        migrations.DeleteModel(
            name='DocNumberCounter',
        ),
    ]
