from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("home.urls")),
    path("", include("accounts.urls")),
    path("", include("resumes.urls")),
    path("", include("interviewer.urls")),
    path("", include("reviews.urls")),
    path("", include("reports.urls")),
    path("", include("assignments.urls")),
    path("", include("staff.urls")),
]

# Error pages in the site's layout (config.errors); 403 and 404 use Django's handlers with the
# templates/403.html and templates/404.html pages.
handler400 = "config.errors.bad_request"
handler500 = "config.errors.server_error"
