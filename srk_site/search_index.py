"""What every searchable model adds to the search index.

The database backends stem words but do not fold spellings, so "Hoehenberg" would not
find "Höhenberg". Each model indexes folded copies of its title and text; the search view
folds the query the same way (see srk_site.text.fold_german).
"""

from wagtail.blocks import StreamValue
from wagtail.search import index

from srk_site.text import fold_german


class FoldedSearchMixin:
    folded_title_field = "title"
    folded_text_fields = ()

    def folded_title(self):
        return fold_german(getattr(self, self.folded_title_field, ""))

    def folded_text(self):
        parts = []
        for name in self.folded_text_fields:
            value = getattr(self, name, "")
            if isinstance(value, StreamValue):
                value = " ".join(str(v) for v in value.stream_block.get_searchable_content(value))
            parts.append(str(value or ""))
        return fold_german(" ".join(parts))

    @classmethod
    def folded_search_fields(cls):
        return [
            index.SearchField("folded_title", boost=3),
            index.AutocompleteField("folded_title"),
            index.SearchField("folded_text"),
        ]
