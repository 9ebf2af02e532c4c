from wagtail import hooks

from srk_site.localisation import redirect_to_translation

hooks.register("before_serve_page", redirect_to_translation)
