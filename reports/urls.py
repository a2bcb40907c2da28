from django.urls import path

from reports import review_views, views

urlpatterns = [
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/email/", views.email_report, name="email_report"),
    path("reports/<int:pk>/data.json", views.report_json, name="report_json"),
    path("reports/<int:pk>/recordings.zip", views.report_recordings, name="report_recordings"),
    path("reports/<int:pk>/review/", review_views.review, name="review"),
    path("rubrics/", review_views.rubric_list, name="rubric_list"),
    path("rubrics/new/", review_views.rubric_create, name="rubric_create"),
    path("rubrics/<int:pk>/", review_views.rubric_edit, name="rubric_edit"),
    path("progress/", views.progress, name="progress"),
    path("progress/emails/", views.report_preferences, name="report_preferences"),
]
