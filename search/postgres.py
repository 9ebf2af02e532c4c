"""The search on PostgreSQL in one statement over modelsearch's own index.

modelsearch asks the index once per model and hands back model instances. At 50,000
indexed objects that meant three scans of the same index and several hundred instances
per search, for ten results shown. This reads the index entries once, with the same
tsquery, weights and ranking as modelsearch's PostgreSQL backend, joins pages,
organisations and people within the scope, and returns plain rows with the dates and
districts the results list and its facets need. The prefix fallback reads the
autocomplete vectors the same way, as modelsearch's `autocomplete()` does.

SQLite and OpenSearch keep going through modelsearch.
"""

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from modelsearch.backends import get_search_backend
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
from modelsearch.backends.database.postgres.weights import get_sql_weights
from wagtail.models import Page, PageViewRestriction
from wagtail.search.models import IndexEntry

from district.models import NewsPage
from events.models import EventPage, Occurrence
from people.models import Organisation, Person


def available():
    """Whether the site searches with modelsearch's PostgreSQL backend."""
    return isinstance(get_search_backend(), PostgresSearchBackend)


def tsquery(terms, prefix=False):
    """All words must occur, each stemmed by the configuration: what modelsearch builds
    for `search(terms, operator="and")`; with `prefix` the last word may be the start of
    one, as in its `autocomplete(terms)`."""
    words = [_quoted(word) for word in terms.split()]
    if prefix and words:
        words[-1] += ":*"
    return " & ".join(words)


def _quoted(word):
    escaped = word.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'"


# The vectors searched and their rank, per mode, as modelsearch ranks them.
MATCHING = {
    False: (
        "(e.title || e.body)",
        "ts_rank(%(weights)s::float4[], e.title, q.query) * e.title_norm"
        " + ts_rank(%(weights)s::float4[], e.body, q.query)",
    ),
    True: ("e.autocomplete", "ts_rank(%(weights)s::float4[], e.autocomplete, q.query)"),
}


def _best_first(table, condition, columns):
    """The best `%(limit)s` rows of `table` among the hits of its content types
    (parameter `<table>_types`) that meet `condition`, with their score. The hits are
    sorted before their rows are looked up, so the lookups stop at the limit: "Kita"
    matches 7,000 objects, of which 300 per group are kept."""
    return f"""
        SELECT o.*, h.score
        FROM (SELECT h.object_id::integer AS id, h.score FROM hits h
              WHERE h.content_type_id = ANY(%({table}_types)s)
              ORDER BY h.score DESC, h.object_id::integer DESC) h
        CROSS JOIN LATERAL (
            SELECT {columns} FROM {table} o WHERE o.id = h.id AND {condition}
        ) o
        ORDER BY h.score DESC, h.id DESC
        LIMIT %(limit)s
    """  # noqa: S608 - names from the models, values as parameters


def _page_hits():
    """Live public pages among the hits, within the scope's path."""
    page, restriction = Page._meta.db_table, PageViewRestriction._meta.db_table
    condition = f"""o.live AND o.depth >= 2 AND o.path LIKE %(scope_path)s
        AND NOT EXISTS (
            SELECT 1 FROM {restriction} r JOIN {page} restricted ON restricted.id = r.page_id
            WHERE o.path LIKE restricted.path || '%%')"""  # noqa: S608 - as above
    return _best_first(page, condition, "o.id, o.content_type_id, o.title, o.url_path")


def _entry_hits(model):
    """Published directory entries of one model among the hits, in the scope, with the
    districts they belong to."""
    through = model.districts.through
    links = through._meta.db_table
    owner = through._meta.get_field(model._meta.model_name).column
    condition = f"""o.live AND (%(district)s::integer IS NULL OR EXISTS (
        SELECT 1 FROM {links} link WHERE link.{owner} = o.id AND link.district_id = %(district)s
    ))"""  # noqa: S608 - names from the models, values as parameters
    districts = f"ARRAY(SELECT link.district_id FROM {links} link WHERE link.{owner} = o.id)"  # noqa: S608
    return _best_first(model._meta.db_table, condition, f"o.id, o.name, {districts} AS districts")


@cache
def statement(prefix):
    """The SQL, built once per mode from the models' tables."""
    news, occurrence = NewsPage._meta.db_table, Occurrence._meta.db_table
    vector, rank = MATCHING[prefix]
    return f"""
    WITH hits AS (
        SELECT e.content_type_id, e.object_id, {rank} AS score
        FROM {IndexEntry._meta.db_table} e,
             to_tsquery(
                 coalesce(%(config)s, current_setting('default_text_search_config'))::regconfig,
                 %(tsquery)s
             ) AS q(query)
        WHERE {vector} @@ q.query
    ), pages AS ({_page_hits()}
    ), organisations AS ({_entry_hits(Organisation)}
    ), people AS ({_entry_hits(Person)})
    SELECT 'page', p.id, p.content_type_id, p.title, p.url_path, p.score, NULL::integer[],
           n.date, dates.upcoming, dates.last
    FROM pages p
    LEFT JOIN {news} n ON n.page_ptr_id = p.id
    LEFT JOIN LATERAL (
        SELECT min(o.local_date) FILTER (WHERE o."end" >= %(now)s) AS upcoming,
               max(o.local_date) AS last
        FROM {occurrence} o
        WHERE o.event_id = p.id
          AND p.content_type_id = %(event_type)s
    ) dates ON true
    UNION ALL
    SELECT 'organisation', id, NULL, name, NULL, score, districts, NULL, NULL, NULL
    FROM organisations
    UNION ALL
    SELECT 'person', id, NULL, name, NULL, score, districts, NULL, NULL, NULL FROM people
    """  # noqa: S608 - names from the models, values as parameters


def find(terms, prefix, home, district, limit):
    """Rows (source, pk, content_type_id, title, url_path, score, district_ids,
    news_date, next_date, last_date) for the hits in the scope, source being "page" or
    the entry's model name; with `prefix`, for words that start with the terms. At most
    `limit` pages, organisations and people each, best first within each."""
    types = ContentType.objects.get_for_models(Organisation, Person, EventPage)
    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    page_types = ContentType.objects.get_for_models(*page_models).values()
    backend = get_search_backend()
    params = {
        "weights": get_sql_weights(),
        "config": backend.autocomplete_config if prefix else backend.config,
        "tsquery": tsquery(terms, prefix),
        f"{Page._meta.db_table}_types": [content_type.pk for content_type in page_types],
        "scope_path": (home.path if home is not None else "") + "%",
        "limit": limit,
        "district": district.pk if district is not None else None,
        f"{Organisation._meta.db_table}_types": [types[Organisation].pk],
        f"{Person._meta.db_table}_types": [types[Person].pk],
        "event_type": types[EventPage].pk,
        "now": timezone.now(),
    }
    with connection.cursor() as cursor:
        cursor.execute(statement(prefix), params)
        return cursor.fetchall()
