"""Indexes on the text form of the keys of searchable tables (PostgreSQL only).

modelsearch joins index entries to their objects on `object_id = id::varchar`. Without
an index on that expression PostgreSQL can only hash-join, reading every page (40,000
at scale 1.7) to find the few hundred a search hit; with it, it looks each hit up.
"""

from django.db import migrations

TABLES = ("wagtailcore_page", "people_organisation", "people_person")


def index_name(table):
    return f"srk_{table}_id_text"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {index_name(table)} ON {table} "
                "(((id)::character varying(50)::text))"
            )
            # The planner knows an expression index's selectivity only once analysed.
            schema_editor.execute(f"ANALYZE {table}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(table)}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_indexentry_combined_vector_index"),
        ("people", "0003_organisation_sort_name_tr"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
