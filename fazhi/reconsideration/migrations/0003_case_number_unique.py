"""案号 unique per 复议机关 in the database (the numbering service gives them; before, count()+1 could
give two concurrent receipts the same one). A 案号 is a legal identifier and is never renumbered
silently: if the database already holds duplicates, the migration stops and lists them for correction."""

from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    Reconsideration = apps.get_model("reconsideration", "Reconsideration")
    duplicates = list(Reconsideration.objects.exclude(case_number="").values("body_id", "case_number")
                      .annotate(n=Count("pk")).filter(n__gt=1).order_by("case_number")[:50])
    if duplicates:
        listed = "；".join(f"{d['case_number']}（{d['n']} 件，复议机关 id {d['body_id']}）" for d in duplicates)
        raise RuntimeError(f"行政复议案号重复，请先人工更正后再迁移 / duplicate case numbers, correct them first: {listed}")


class Migration(migrations.Migration):

    dependencies = [
        ('reconsideration', '0002_incidental_review_instances_performance'),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='reconsideration',
            constraint=models.UniqueConstraint(condition=models.Q(('case_number', ''), _negated=True), fields=('body', 'case_number'), name='reconsideration_case_number_unique'),
        ),
    ]
