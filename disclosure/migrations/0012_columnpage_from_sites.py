"""ColumnPage moves from the foundation (sites) to disclosure, which owns columns and their feeds.

Nothing in the database changes but one row: the model keeps its table (sites_columnpage) and
its content type is renamed in place, so page ids, revisions, wagtail-localize sources, page
permissions, workflow states and log entries, which all point at that content type's id, keep
pointing right. On a new database there is no such row yet and Django creates the new one.
"""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


def rename_content_type(apps, schema_editor, old_app="sites", new_app="disclosure"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    types = ContentType.objects.using(schema_editor.connection.alias).filter(model="columnpage")
    old = types.filter(app_label=old_app).first()
    if old is None:
        return  # a new database: Django creates the new row after migrating
    new = types.filter(app_label=new_app).first()
    if new is not None:
        if Page.objects.filter(content_type=new).exists():
            return  # already moved
        # Created early (e.g. by get_for_model) and still unused: the old row, with every page,
        # revision and log entry pointing at it, takes its place.
        new.delete()
    old.app_label = new_app
    old.save(update_fields=["app_label"])


def restore_content_type(apps, schema_editor):
    rename_content_type(apps, schema_editor, old_app="disclosure", new_app="sites")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("sites", "0002_column_kind_not_editable"),
        ("disclosure", "0011_document_interpretation_fields"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ColumnPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "column_kind",
                            models.CharField(
                                choices=[
                                    ("guide", "政府信息公开指南"),
                                    ("rules", "政府信息公开制度"),
                                    ("statutory", "法定主动公开内容"),
                                    ("annual_report", "政府信息公开年报"),
                                    ("general", "其他栏目"),
                                ],
                                default="general",
                                editable=False,
                                help_text="标准栏目由系统开设；编辑新建的栏目均为“其他栏目”。",
                                max_length=30,
                                verbose_name="栏目类型",
                            ),
                        ),
                        (
                            "intro",
                            wagtail.fields.RichTextField(
                                blank=True,
                                help_text="如公开指南、公开制度的正文，或本栏目收录范围的说明。",
                                verbose_name="栏目说明",
                            ),
                        ),
                    ],
                    options={"verbose_name": "栏目", "db_table": "sites_columnpage"},
                    bases=("wagtailcore.page",),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]
