from django.urls import path

from . import views

app_name = "services"
urlpatterns = [
    path("", views.index, name="index"),
    path("units/<slug:slug>/", views.by_unit, name="unit"),
    path("themes/<slug:theme>/", views.by_theme, name="theme"),
    path("events/<slug:slug>/", views.by_event, name="event"),
    path("yibentong/<int:pk>.pdf", views.handbook_pdf, name="handbook"),
    path("kiosk/", views.kiosk_home, name="kiosk"),
    path("kiosk/events/<slug:slug>/", views.kiosk_event, name="kiosk_event"),
    path("kiosk/units/<slug:slug>/", views.kiosk_unit, name="kiosk_unit"),
    path("kiosk/guides/<int:pk>/", views.kiosk_guide, name="kiosk_guide"),
]
