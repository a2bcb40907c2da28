from django.urls import path

from reports import views

urlpatterns = [
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/email/", views.email_report, name="email_report"),
    path("reports/<int:pk>/data.json", views.report_json, name="report_json"),
    path("reports/<int:pk>/recordings.zip", views.report_recordings, name="report_recordings"),
    path("progress/", views.progress, name="progress"),
    path("progress/emails/", views.report_preferences, name="report_preferences"),
]
