from django.urls import path

from reviews import views

urlpatterns = [
    path("reports/<int:pk>/review/", views.review, name="review"),
    path("rubrics/", views.rubric_list, name="rubric_list"),
    path("rubrics/new/", views.rubric_create, name="rubric_create"),
    path("rubrics/<int:pk>/", views.rubric_edit, name="rubric_edit"),
]
