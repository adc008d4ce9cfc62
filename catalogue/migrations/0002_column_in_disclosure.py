"""The catalogue item's column now names disclosure.ColumnPage: the same table, so state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("disclosure", "0012_columnpage_from_sites"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="catalogueitem",
                    name="column",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="本单位专栏中发布此事项内容的栏目；栏目下已发布的公开文件会列在公开目录中。",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="catalogue_items",
                        to="disclosure.columnpage",
                        verbose_name="发布栏目",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
