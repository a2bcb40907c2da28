from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from accounts.decorators import career_staff_required
from config.downloads import csv_response, ranged_file_response
from interviewer import (
    exports,
    privacy_selectors,
    privacy_services,
    selectors,
    services,
)
from interviewer.engine import presence, voice
from interviewer.forms import CameraChoiceForm, InterviewSetupForm
from interviewer.models import Interview, Recording, StaffAccess, WorkerCheck
from resumes import selectors as resume_selectors


@login_required
def interview_setup(request):
    notice = privacy_selectors.recording_notice_for(request.user)
    form = InterviewSetupForm(
        request.POST or None,
        initial={"candidate_name": request.user.display_name},
        has_resume_profile=resume_selectors.profile_of(request.user) is not None,
        policy=notice.policy,
        notice_needed=request.user.recording_notice_read_at is None,
    )
    if request.method == "POST" and form.is_valid():
        interview = services.start_interview(
            candidate=request.user, candidate_name=form.cleaned_data["candidate_name"], setup=form.setup()
        )
        privacy_services.choose_camera(interview, form.camera_choice())
        return redirect("interview_room", interview.pk)
    context = {"form": form, "llm_provider": selectors.llm_provider_for(request.user), "notice": notice}
    return render(request, "interviewer/setup.html", context, status=400 if form.errors else 200)


@login_required
def interview_camera(request, pk):
    """The camera choice (and, the first time, the recording notice) for an interview started
    without the setup page: an assignment's attempt."""
    interview = get_object_or_404(Interview, pk=pk, candidate=request.user, status=Interview.Status.PLANNED)
    notice = privacy_selectors.recording_notice_for(request.user)
    form = CameraChoiceForm(
        request.POST or None, policy=notice.policy, notice_needed=request.user.recording_notice_read_at is None
    )
    if request.method == "POST" and form.is_valid():
        privacy_services.choose_camera(interview, form.camera_choice())
        return redirect("interview_room", interview.pk)
    context = {"form": form, "interview": interview, "notice": notice}
    return render(request, "interviewer/camera.html", context, status=400 if form.errors else 200)


@login_required
def interview_room(request, pk):
    interview = get_object_or_404(Interview, pk=pk, candidate=request.user)
    if interview.status == Interview.Status.FINISHED:
        return redirect(interview)
    if interview.camera_chosen_at is None and interview.status == Interview.Status.PLANNED:
        return redirect("interview_camera", interview.pk)
    context = {
        "interview": interview,
        "camera_limits": presence.CAMERA_LIMITS,
        "expression_limits": presence.EXPRESSION_LIMITS,
    }
    return render(request, "interviewer/room.html", context)


@login_required
def interview_delete(request, pk):
    """The candidate deletes one of their interviews with its recordings and report, at once,
    after saying so on this page."""
    interview = get_object_or_404(Interview, pk=pk, candidate=request.user)
    if request.method != "POST":
        recordings = (
            Recording.objects.filter(question__interview=interview, file_deleted_at=None).exclude(file="").count()
        )
        return render(request, "interviewer/delete_interview.html", {"interview": interview, "recordings": recordings})
    label = str(interview)
    privacy_services.delete_interview(interview)
    messages.success(request, f"The interview “{label}” was deleted with its answers, recordings and report.")
    return redirect("interview_list")


@login_required
@require_POST
def recording_delete(request, pk):
    """The candidate deletes one recording at once; the answer's transcript and scores stay."""
    recording = get_object_or_404(
        Recording.objects.select_related("question__interview"), pk=pk, question__interview__candidate=request.user
    )
    privacy_services.delete_recording_file(recording)
    messages.success(request, "The recording was deleted. Its transcript and scores stay on the report.")
    return redirect("report", recording.question.interview_id)


@login_required
def interview_detail(request, pk):
    interview = get_object_or_404(Interview, pk=pk, candidate=request.user)
    if interview.status == Interview.Status.FINISHED:
        return redirect("report", pk)  # the report is the place for a finished interview's results
    return render(
        request,
        "interviewer/detail.html",
        {"interview": interview, "questions": selectors.asked_with_answers(interview)},
    )


@login_required
def interview_csv(request, pk):
    """The interview's questions, model answers, the candidate's answers and their scores (for
    its owner, and the staff who may read its report)."""
    interview = get_object_or_404(selectors.interviews_visible_to(request.user), pk=pk)
    privacy_services.log_access(request.user, interview, StaffAccess.What.ANSWERS_CSV)
    return csv_response(
        f"interview-{interview.pk}.csv", exports.INTERVIEW_CSV_COLUMNS, exports.interview_rows(interview)
    )


@login_required
def interview_list(request):
    context = {"interviews": selectors.interviews_of(request.user)}
    return render(request, "interviewer/list.html", context)


@login_required
@cache_control(private=True, max_age=86400)
def question_speech(request, pk, question_pk):
    """The question spoken aloud (Piper by default; see TTS_ENGINE). 404 when speech is off."""
    question = get_object_or_404(selectors.questions_of_candidate(request.user), pk=question_pk, interview_id=pk)
    speech = voice.speak(question.text, settings.TTS_ENGINE)
    if speech is None:
        raise Http404("Speech is turned off on this server.")
    return HttpResponse(speech.audio, content_type=speech.mime)


@login_required
def recording_file(request, pk):
    """A recording, served to its owner and read-only to the staff of a cohort the owner joined."""
    recording = get_object_or_404(
        selectors.recordings_visible_to(request.user).select_related("question__interview"), pk=pk
    )
    if not recording.has_file:
        raise Http404("This recording was deleted.")
    # A player asks for a recording in many byte ranges: one entry per opening, at its first range.
    if request.headers.get("Range", "bytes=0-").startswith("bytes=0-"):
        privacy_services.log_access(request.user, recording.question.interview, StaffAccess.What.RECORDING)
    return ranged_file_response(request, recording.file.open("rb"), recording.file.size, recording.mime)


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


@login_required
def interview_engine(request):
    """What the optional language model is sent, whether it is on for this candidate, and what
    the server contacts (the same statement as the README's)."""
    provider = selectors.llm_provider_for(request.user)
    context = {
        "configured": selectors.llm_configured(),
        "provider": provider,
        "sends_email": bool(settings.EMAIL_HOST),
        "speaks_with_google": settings.TTS_ENGINE == voice.GTTS,
        "cohorts_off": request.user.cohorts.filter(llm_allowed=False),
        "requests_per_hour": settings.LLM_REQUESTS_PER_USER_PER_HOUR,
        "timeout_seconds": settings.LLM_TIMEOUT_SECONDS,
    }
    return render(request, "interviewer/engine.html", context)


# The newest entries shown on the access page.
ACCESS_LOG_ROWS = 200


@login_required
def access_log(request):
    """Who opened the student's interviews and files, and when; for staff, also what they opened."""
    context = {
        "accesses_to_me": privacy_selectors.accesses_to(request.user)[:ACCESS_LOG_ROWS],
        "accesses_by_me": privacy_selectors.accesses_by(request.user)[:ACCESS_LOG_ROWS]
        if request.user.is_career_staff
        else None,
        "rows": ACCESS_LOG_ROWS,
    }
    return render(request, "interviewer/access_log.html", context)
