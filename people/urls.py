from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("kontakt/e-mail/<str:token>/", views.reveal_email, name="reveal_email"),
]
