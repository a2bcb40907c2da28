from django.urls import path

from interviewer import views

urlpatterns = [
    path("interviews/", views.interview_list, name="interview_list"),
    path("interviews/new/", views.interview_setup, name="interview_setup"),
    path("interviews/engine/", views.interview_engine, name="interview_engine"),
    path("interviews/<int:pk>/", views.interview_detail, name="interview_detail"),
    path("interviews/<int:pk>/room/", views.interview_room, name="interview_room"),
    path("interviews/<int:pk>/camera/", views.interview_camera, name="interview_camera"),
    path("interviews/<int:pk>/delete/", views.interview_delete, name="interview_delete"),
    path("recordings/<int:pk>/delete/", views.recording_delete, name="recording_delete"),
    path("interviews/<int:pk>/answers.csv", views.interview_csv, name="interview_csv"),
    path("interviews/<int:pk>/questions/<int:question_pk>/speech/", views.question_speech, name="question_speech"),
    path("recordings/<int:pk>/", views.recording_file, name="recording_file"),
    path("status/", views.system_status, name="system_status"),
    path("account/access/", views.access_log, name="access_log"),
]
