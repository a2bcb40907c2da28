from django.urls import path

from assignments import views

urlpatterns = [
    path("question-sets/", views.question_set_list, name="question_set_list"),
    path("question-sets/new/", views.question_set_create, name="question_set_create"),
    path("question-sets/<int:pk>/", views.question_set_detail, name="question_set_detail"),
    path("question-sets/<int:pk>/bank/", views.question_set_add_bank, name="question_set_add_bank"),
    path("question-sets/<int:pk>/write/", views.question_set_write, name="question_set_write"),
    path("question-sets/<int:pk>/items/<int:item_pk>/remove/", views.question_set_remove, name="question_set_remove"),
    path("assignments/", views.assignment_list, name="assignment_list"),
    path("assignments/new/", views.assignment_create, name="assignment_create"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("assignments/<int:pk>/edit/", views.assignment_edit, name="assignment_edit"),
    path("assignments/<int:pk>/start/", views.assignment_start, name="assignment_start"),
]
