from django.urls import path

from interviewer import assignment_views, views

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
    path("question-sets/", assignment_views.question_set_list, name="question_set_list"),
    path("question-sets/new/", assignment_views.question_set_create, name="question_set_create"),
    path("question-sets/<int:pk>/", assignment_views.question_set_detail, name="question_set_detail"),
    path("question-sets/<int:pk>/bank/", assignment_views.question_set_add_bank, name="question_set_add_bank"),
    path("question-sets/<int:pk>/write/", assignment_views.question_set_write, name="question_set_write"),
    path("question-sets/<int:pk>/items/<int:item_pk>/remove/", assignment_views.question_set_remove, name="question_set_remove"),
    path("assignments/", assignment_views.assignment_list, name="assignment_list"),
    path("assignments/new/", assignment_views.assignment_create, name="assignment_create"),
    path("assignments/<int:pk>/", assignment_views.assignment_detail, name="assignment_detail"),
    path("assignments/<int:pk>/edit/", assignment_views.assignment_edit, name="assignment_edit"),
    path("assignments/<int:pk>/start/", assignment_views.assignment_start, name="assignment_start"),
]
