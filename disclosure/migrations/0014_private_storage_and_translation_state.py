# Two changes of issue 11 made side by side: document files moved to private storage, and
# translations brought in line with their source. Neither depends on the other.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0013_documents_to_private_storage"),
        ("disclosure", "0013_translations_follow_their_source"),
    ]

    operations = []
