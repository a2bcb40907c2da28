from django.contrib import admin

from interviewer.models import WorkerCheck


@admin.register(WorkerCheck)
class WorkerCheckAdmin(admin.ModelAdmin):
    list_display = ["requested_at", "requested_by", "completed_at", "worker"]
