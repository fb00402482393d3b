import re

import django.db.models.deletion
from django.db import migrations, models

OFFICE = re.compile(r"司法(局|厅)$")


def fill_reviewing_agency(apps, schema_editor):
    """Each change's reviewing office, as rules.reviewing_office decides it (written out here with the
    historical models): the 司法局/司法厅 of the requesting agency's own government, else that government."""
    Agency = apps.get_model("org", "Agency")
    PowerItemChange = apps.get_model("enforcement", "PowerItemChange")
    agencies = {a.pk: a for a in Agency.objects.all()}
    offices: dict[int, int] = {}
    for a in sorted(agencies.values(), key=lambda a: a.pk):
        if a.is_active and a.kind == "department" and a.parent_id and OFFICE.search(a.name):
            offices.setdefault(a.parent_id, a.pk)
    found: dict[int, int] = {}
    for agency_id in PowerItemChange.objects.values_list("agency_id", flat=True).distinct():
        node = agencies.get(agency_id)
        while node is not None and node.kind != "government":
            node = agencies.get(node.parent_id)
        found[agency_id] = agency_id if node is None else offices.get(node.pk, node.pk)
    for agency_id, office_id in found.items():
        PowerItemChange.objects.filter(agency_id=agency_id).update(reviewing_agency_id=office_id)


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0001_initial"),
        ("enforcement", "0003_state_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="poweritemchange",
            name="reviewing_agency",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="org.agency", verbose_name="审核机关"),
        ),
        migrations.RunPython(fill_reviewing_agency, migrations.RunPython.noop),
    ]
