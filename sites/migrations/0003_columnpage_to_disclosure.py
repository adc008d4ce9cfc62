"""ColumnPage now belongs to disclosure (disclosure 0012); its table stays, so state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sites", "0002_column_kind_not_editable"),
        ("disclosure", "0012_columnpage_from_sites"),
        # Every foreign key to the model must point at its new home before the old one goes.
        ("catalogue", "0002_column_in_disclosure"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ColumnPage")],
            database_operations=[],
        ),
    ]
