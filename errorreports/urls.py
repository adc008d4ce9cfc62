from django.urls import path

from . import views

app_name = "errorreports"

urlpatterns = [
    path("", views.report, name="report"),
    path("submitted/", views.submitted, name="submitted"),
    path("lookup/", views.lookup, name="lookup"),
]
