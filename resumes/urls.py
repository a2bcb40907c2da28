from django.urls import path

from resumes import views

urlpatterns = [
    path("resume/", views.resume_home, name="resume_home"),
    path("resume/upload/", views.resume_upload, name="resume_upload"),
    path("resume/paste/", views.resume_paste, name="resume_paste"),
    path("resume/profile/", views.resume_profile, name="resume_profile"),
    path("resume/profile.csv", views.resume_profile_csv, name="resume_profile_csv"),
    path("resume/readiness/", views.resume_readiness, name="resume_readiness"),
    path("resume/<int:pk>/", views.resume_status, name="resume_status"),
    path("resume/<int:pk>/file/", views.resume_file, name="resume_file"),
    path("resume/<int:pk>/delete/", views.resume_delete, name="resume_delete"),
]
