"""Document files move out of MEDIA_ROOT into PRIVATE_MEDIA_ROOT, which no URL maps to.

cms/storage.py now keeps every upload but images there. The names stored in the database stay
the same ("documents/…"): only the files move. Idempotent, and reversible.

Images are now sent by a view that finds the image of a requested file by its name
(disclosure/media.py): Wagtail's tables get an index on that column so the look-up stays cheap.
"""

from pathlib import Path

from django.conf import settings
from django.db import migrations

FOLDER = "documents"
FILE_TABLES = ("wagtailimages_image", "wagtailimages_rendition")


def move_folder(source_root: Path, target_root: Path) -> None:
    source = source_root / FOLDER
    if not source.is_dir() or source.resolve() == (target_root / FOLDER).resolve():
        return
    for path in sorted(source.rglob("*")):
        if path.is_file():
            target = target_root / path.relative_to(source_root)
            target.parent.mkdir(parents=True, exist_ok=True)
            # The file the database names is the one being moved: it replaces an older copy.
            path.replace(target)
    for directory in sorted((d for d in source.rglob("*") if d.is_dir()), reverse=True) + [source]:
        try:
            directory.rmdir()
        except OSError:
            pass  # Not empty: whatever is left was not a file and stays where it was.


def to_private(apps, schema_editor):
    move_folder(Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))


def to_media(apps, schema_editor):
    move_folder(Path(settings.PRIVATE_MEDIA_ROOT), Path(settings.MEDIA_ROOT))


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0012_columnpage_from_sites"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(to_private, to_media, elidable=False),
        *(
            migrations.RunSQL(
                f"CREATE INDEX IF NOT EXISTS {table}_file_lookup ON {table} (file)",
                f"DROP INDEX IF EXISTS {table}_file_lookup",
            )
            for table in FILE_TABLES
        ),
    ]
