"""Public URLs of the website report (政府网站工作年度报表), published on the portal's home page."""

from django.urls import path

from . import views

app_name = "reports_public"

urlpatterns = [
    path("", views.website_reports, name="website_reports"),
    path("<int:year>/", views.website_report, name="website_report"),
    path("<int:year>/xlsx/", views.website_report_xlsx, name="website_report_xlsx"),
]
