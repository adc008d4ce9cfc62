from django.urls import path

from . import views

app_name = "opinions"

urlpatterns = [
    path("lookup/", views.lookup, name="lookup"),
]
