import json
import tempfile
import zipfile
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from interviewer import privacy_services
from interviewer.engine.presence import CAMERA_LIMITS, EXPRESSION_LIMITS
from interviewer.models import Interview, StaffAccess
from reports import selectors, services
from reports.charts import progress_figures, report_figures
from reports.forms import ReportPreferencesForm
from reports.models import ReportEmail

# "Email me this report" again within this many seconds of the last request is not queued twice.
EMAIL_REQUEST_INTERVAL_S = 60


def finished_interview_view(view, *, owner_only: bool = False):
    """The view gets a finished interview the signed-in user may see (its owner, or read-only the
    staff of a cohort the owner joined: selectors.interview_visible_to); anyone else's is a 404,
    and one still in progress sends its owner back to it."""

    @wraps(view)
    def with_interview(request, pk):
        interview = selectors.interview_visible_to(request.user, pk)
        is_owner = interview.candidate_id == request.user.pk
        if owner_only and not is_owner:
            raise Http404("No such interview.")
        if interview.status != Interview.Status.FINISHED:
            if not is_owner:
                raise Http404("This interview has not finished yet.")
            messages.info(request, "The report is ready when the interview has finished.")
            return redirect("interview_detail", pk)
        return view(request, interview)

    return login_required(with_interview)


def owner_only(view):
    """Actions on the candidate's behalf (emailing them their report): staff who may read the
    report get a 404 here, like everyone else."""
    return finished_interview_view(view, owner_only=True)


@finished_interview_view
def report(request, interview):
    privacy_services.log_access(request.user, interview, StaffAccess.What.REPORT)
    report = selectors.report_for(interview)
    context = {
        "report": report,
        "interview": interview,
        "figures": report_figures(report),
        "camera_limits": CAMERA_LIMITS,
        "expression_limits": EXPRESSION_LIMITS,
        "last_email": selectors.last_email_of(interview) if interview.candidate_id == request.user.pk else None,
        "is_owner": interview.candidate_id == request.user.pk,
    }
    return render(request, "reports/report.html", context)


@finished_interview_view
def report_pdf(request, interview):
    privacy_services.log_access(request.user, interview, StaffAccess.What.PDF)
    response = HttpResponse(services.report_pdf(interview), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{services.pdf_filename(interview)}"'
    return response


@owner_only
@require_POST
def email_report(request, interview):
    last = selectors.last_email_of(interview)
    recent = last and (timezone.now() - last.requested_at).total_seconds() < EMAIL_REQUEST_INTERVAL_S
    if recent and last.status != ReportEmail.Status.FAILED:
        messages.info(
            request, f"The report was already requested a moment ago for {last.to}; check your inbox (and spam folder)."
        )
    else:
        email = services.request_report_email(interview, ReportEmail.Reason.REQUESTED)
        messages.success(request, f"The report is on its way to {email.to}; it usually arrives within a minute.")
    return redirect("report", interview.pk)


@finished_interview_view
def report_json(request, interview):
    privacy_services.log_access(request.user, interview, StaffAccess.What.DATA)
    data = selectors.interview_data(selectors.report_for(interview))
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.json"'
    return response


@finished_interview_view
def report_recordings(request, interview):
    """The interview's recordings in one zip (stored, not compressed: webm already is)."""
    report = selectors.report_for(interview)
    recorded = [(q, a) for q in report.questions for a in q.attempts if a.recording and a.recording.has_file]
    archive = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the FileResponse that streams it)
    added = 0
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
        for q, a in recorded:
            if a.recording.file.storage.exists(a.recording.file.name):
                extension = a.recording.file.name.rsplit(".", 1)[-1]
                zipped.write(a.recording.file.path, f"question-{q.number}-attempt-{a.answer.attempt}.{extension}")
                added += 1
    if not added:
        archive.close()
        messages.info(
            request, "This interview has no recordings: its answers were typed, or the recordings were deleted."
        )
        return redirect("report", interview.pk)
    privacy_services.log_access(request.user, interview, StaffAccess.What.RECORDINGS_ZIP)
    archive.seek(0)
    return FileResponse(
        archive, as_attachment=True, filename=f"interview-{interview.pk}-recordings.zip", content_type="application/zip"
    )


@login_required
def progress(request):
    progress = selectors.progress_of(request.user, request.GET.get("field", "").strip())
    form = ReportPreferencesForm(initial={"email_after_interview": selectors.emails_after_interview(request.user)})
    context = {"progress": progress, "figures": progress_figures(progress), "preferences_form": form}
    return render(request, "reports/progress.html", context)


@login_required
@require_POST
def report_preferences(request):
    form = ReportPreferencesForm(request.POST)
    if form.is_valid():  # an unticked or missing checkbox is False: any POST is valid
        enabled = form.cleaned_data["email_after_interview"]
        services.set_email_after_interview(request.user, enabled)
        messages.success(
            request,
            "Reports will be emailed to you when an interview ends."
            if enabled
            else "Reports will no longer be emailed when an interview ends.",
        )
    return redirect("progress")
