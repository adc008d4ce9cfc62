"""互动交流 (portal/hub.py), included in cms/urls.py inside i18n_patterns as search is."""

from django.urls import path

from . import hub

app_name = "portal"

urlpatterns = [
    path("", hub.hub, name="hub"),
    path("consultations/", hub.consultations, name="hub_consultations"),
    path("messages/", hub.messages, name="hub_messages"),
    path("write/", hub.write, name="hub_write"),
    path("lookup/", hub.lookup, name="hub_lookup"),
]
