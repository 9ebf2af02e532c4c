import wagtail_factories

from district.models import ContentPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = "Seniorennetzwerk Kalk"
    intro = "Treffen, Beratung und Ausflüge für ältere Menschen im Veedel."

    class Meta:
        model = ContentPage
