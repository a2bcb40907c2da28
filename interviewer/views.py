from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from accounts.decorators import career_staff_required
from interviewer import services
from interviewer.models import WorkerCheck


@career_staff_required
def system_status(request):
    """For administrators: which mode the platform runs in and whether background work flows."""
    if request.user.role != request.user.Role.ADMIN:
        raise PermissionDenied("This page is for administrators.")
    if request.method == "POST":
        services.request_worker_check(request.user)
        messages.info(request, "Worker check sent. The result appears below when a worker has run it.")
        return redirect("system_status")
    context = {
        "mode": "production" if settings.PRODUCTION else "embedded",
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "tasks": "in this process (threads)" if settings.TASKS_IN_PROCESS else "Celery workers via Redis",
        "channel_layer": settings.CHANNEL_LAYERS["default"]["BACKEND"].rsplit(".", 1)[-1],
        "email": settings.EMAIL_BACKEND.rsplit(".", 1)[-1],
        "email_folder": None if settings.EMAIL_HOST else settings.EMAIL_FILE_PATH,
        "checks": WorkerCheck.objects.select_related("requested_by")[:10],
    }
    return render(request, "interviewer/system_status.html", context)
