from django.urls import path

from accounts import resume_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("cohorts/", views.cohort_list, name="cohort_list"),
    path("cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/join/", views.join_by_code, name="join_by_code"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/renew-invite/", views.cohort_renew_invite, name="cohort_renew_invite"),
    path("cohorts/<int:pk>/leave/", views.leave_cohort, name="leave_cohort"),
    path("cohorts/<int:pk>/language-model/", views.cohort_llm_switch, name="cohort_llm_switch"),
    path("join/<str:code>/", views.join_by_link, name="join_cohort"),
    path("account/delete/", views.delete_account, name="delete_account"),
    path("resume/", resume_views.resume_home, name="resume_home"),
    path("resume/upload/", resume_views.resume_upload, name="resume_upload"),
    path("resume/paste/", resume_views.resume_paste, name="resume_paste"),
    path("resume/profile/", resume_views.resume_profile, name="resume_profile"),
    path("resume/profile.csv", resume_views.resume_profile_csv, name="resume_profile_csv"),
    path("resume/readiness/", resume_views.resume_readiness, name="resume_readiness"),
    path("resume/<int:pk>/", resume_views.resume_status, name="resume_status"),
    path("resume/<int:pk>/file/", resume_views.resume_file, name="resume_file"),
    path("resume/<int:pk>/delete/", resume_views.resume_delete, name="resume_delete"),
]
