"""An index on Wagtail's page table for the portal's listings.

Every listing first narrows pages to the live ones in the source language (German; see
srk_site.languages.in_source_language). Without an index PostgreSQL reads the whole,
wide page table for that: at 50,000 objects about 10 ms for each count and each list
query, which made the citywide calendar and news lists the slowest pages. This partial
index answers it from the index alone. Wagtail's own models cannot declare it, so it is
plain SQL, valid on PostgreSQL and SQLite alike.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS srk_page_live_locale_idx "
    "ON wagtailcore_page (locale_id, id) WHERE live"
)
DROP = "DROP INDEX IF EXISTS srk_page_live_locale_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("district", "0011_merge_0010_news_newest_index_0010_proposal_language"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
