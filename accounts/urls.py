from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.home, name="home"),
    path("cohorts/", views.cohort_list, name="cohort_list"),
    path("cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/join/", views.join_by_code, name="join_by_code"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/renew-invite/", views.cohort_renew_invite, name="cohort_renew_invite"),
    path("cohorts/<int:pk>/leave/", views.leave_cohort, name="leave_cohort"),
    path("join/<str:code>/", views.join_by_link, name="join_cohort"),
    path("account/delete/", views.delete_account, name="delete_account"),
]
