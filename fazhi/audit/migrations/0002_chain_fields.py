from django.db import migrations, models


class Migration(migrations.Migration):
    """The chain columns. Every existing row gets "platform": the single chain of earlier versions
    becomes the platform chain, each event keeping its sequence number and MAC."""

    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditchainhead",
            name="chain",
            field=models.CharField(default="platform", max_length=16, verbose_name="审计链"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="name",
            field=models.CharField(blank=True, max_length=64, verbose_name="名称"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.CharField(default="platform", max_length=16, verbose_name="审计链"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.BigIntegerField(verbose_name="序号"),
        ),
    ]
