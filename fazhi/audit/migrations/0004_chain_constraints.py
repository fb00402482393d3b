from django.db import migrations, models


class Migration(migrations.Migration):
    """One head row per chain; sequence numbers unique within a chain."""

    dependencies = [("audit", "0003_existing_events_on_platform_chain")]

    operations = [
        migrations.AlterField(
            model_name="auditchainhead",
            name="chain",
            field=models.CharField(max_length=16, unique=True, verbose_name="审计链"),
        ),
        migrations.AlterModelOptions(
            name="auditchainhead",
            options={"ordering": ["chain"], "verbose_name": "审计链头", "verbose_name_plural": "审计链头"},
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={"ordering": ["-id"], "verbose_name": "审计事件", "verbose_name_plural": "审计事件"},
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("chain", "seq"), name="audit_event_unique_seq_in_chain"),
        ),
    ]
