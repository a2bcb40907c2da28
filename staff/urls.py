from django.urls import path

from staff import views

urlpatterns = [
    path("cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/join/", views.join_by_code, name="join_by_code"),
    path("cohorts/<int:pk>/renew-invite/", views.cohort_renew_invite, name="cohort_renew_invite"),
    path("cohorts/<int:pk>/leave/", views.leave_cohort, name="leave_cohort"),
    path("cohorts/<int:pk>/language-model/", views.cohort_llm_switch, name="cohort_llm_switch"),
    path("cohorts/<int:pk>/camera/", views.cohort_camera_switch, name="cohort_camera_switch"),
    path("join/<str:code>/", views.join_by_link, name="join_cohort"),
    path("cohorts/", views.cohort_list, name="cohort_list"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("staff/", views.staff_dashboard, name="staff_dashboard"),
    path("cohorts/<int:pk>/roster/", views.cohort_roster, name="cohort_roster"),
    path("cohorts/<int:pk>/roster.csv", views.roster_csv, name="cohort_roster_csv"),
    path("cohorts/<int:pk>/results.csv", views.results_csv, name="cohort_results_csv"),
    path("cohorts/<int:pk>/analytics/", views.cohort_analytics, name="cohort_analytics"),
    path("cohorts/<int:pk>/invite/", views.bulk_invite, name="cohort_bulk_invite"),
    path("cohorts/<int:pk>/students/<int:user_pk>/", views.student_interviews, name="cohort_student"),
    path("cohorts/<int:pk>/students/<int:user_pk>/remove/", views.remove_student, name="cohort_remove_student"),
    path("cohorts/<int:pk>/leaderboard/", views.leaderboard_switch, name="cohort_leaderboard_switch"),
    path("cohorts/<int:pk>/leaderboard/me/", views.leaderboard_opt_in, name="leaderboard_opt_in"),
]
