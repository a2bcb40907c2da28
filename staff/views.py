"""Cohort pages and career-centre staff's workspace: cohorts (joining, leaving, the members'
leaderboard), dashboard, roster, bulk invite, analytics and results. Staff reach only the cohorts
they run (administrators: every cohort); anything else is a 404. The roster reads the scores
stored when each interview finished (reports.services.store_scores)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import selectors, services
from accounts.decorators import career_staff_required
from accounts.forms import CohortForm, JoinCohortForm
from accounts.models import Cohort
from config.downloads import csv_response
from interviewer import privacy_services
from interviewer import selectors as interviewer_selectors
from interviewer.models import Interview, StaffAccess
from reports.charts import cohort_figures
from staff import invites, roster
from staff.forms import BulkInviteForm


@login_required
def cohort_list(request):
    return _render_cohort_list(request, JoinCohortForm())


def _render_cohort_list(request, join_form, status=200):
    joined = [
        (membership, roster.leaderboard_of(membership.cohort) if membership.cohort.leaderboard_enabled else None)
        for membership in selectors.memberships_of_user(request.user)
    ]
    context = {"joined": joined, "join_form": join_form}
    if request.user.is_career_staff:
        context["running"] = selectors.with_member_counts(selectors.cohorts_run_by(request.user))
    return render(request, "staff/cohort_list.html", context, status=status)


@career_staff_required
def cohort_create(request):
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cohort = services.create_cohort(staff_member=request.user, **form.cleaned_data)
        messages.success(request, f"Cohort “{cohort.name}” created. Share its invite link or code with your students.")
        return redirect(cohort)
    return render(request, "staff/cohort_form.html", {"form": form})


@career_staff_required
def cohort_detail(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    invite_url = request.build_absolute_uri(cohort.get_invite_url())
    context = {
        "cohort": cohort,
        "memberships": selectors.memberships_of(cohort),
        "invite_url": invite_url,
        "llm_configured": interviewer_selectors.llm_configured(),
        "camera_analysis": settings.CAMERA_ANALYSIS,
        "expression_analysis": settings.EXPRESSION_ANALYSIS,
    }
    return render(request, "staff/cohort_detail.html", context)


@career_staff_required
@require_POST
def cohort_renew_invite(request, pk):
    cohort = services.renew_invite(selectors.cohort_run_by(request.user, pk))
    messages.success(request, f"New invite code {cohort.invite_code}. The old code and link no longer work.")
    return redirect(cohort)


@career_staff_required
@require_POST
def cohort_llm_switch(request, pk):
    cohort = services.set_llm_allowed(
        selectors.cohort_run_by(request.user, pk), request.POST.get("llm_allowed") == "on"
    )
    if cohort.llm_allowed:
        messages.success(
            request,
            f"Interviews of “{cohort.name}” members use the language model when the server has one and no other "
            "cohort of theirs turned it off.",
        )
    else:
        messages.success(
            request,
            f"Interviews of “{cohort.name}” members use the offline engine only: nothing about them is sent to the "
            "language model.",
        )
    return redirect(cohort)


@career_staff_required
@require_POST
def cohort_camera_switch(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    services.set_camera_analysis(
        cohort,
        analysis=request.POST.get("camera_analysis_allowed") == "on",
        expressions=request.POST.get("expression_analysis_allowed") == "on",
    )
    if not cohort.camera_analysis_allowed:
        messages.success(
            request, f"Members of “{cohort.name}” can record their camera, but nothing is measured in the video."
        )
    elif not cohort.expression_analysis_allowed:
        messages.success(
            request,
            f"Members of “{cohort.name}” can have their face and eye contact measured; facial expressions are never "
            "read.",
        )
    else:
        messages.success(
            request,
            f"Members of “{cohort.name}” can have their camera analysed, expressions included where this server "
            "reads them.",
        )
    return redirect(cohort)


@login_required
def join_by_link(request, code):
    """The invite link: shows which cohort it is, and joins on POST."""
    try:
        cohort = services.find_cohort_by_invite(code)
    except services.InviteError as error:
        return render(request, "staff/join_cohort.html", {"error": str(error)}, status=404)
    if request.method == "POST":
        return _join(request, code)
    return render(request, "staff/join_cohort.html", {"cohort": cohort})


@login_required
@require_POST
def join_by_code(request):
    form = JoinCohortForm(request.POST)
    if form.is_valid():
        try:
            services.find_cohort_by_invite(form.cleaned_data["code"])
        except services.InviteError as error:
            form.add_error("code", str(error))
    if not form.is_valid():
        return _render_cohort_list(request, form, status=400)
    return _join(request, form.cleaned_data["code"])


def _join(request, code):
    cohort, added = services.join_cohort(user=request.user, code=code)
    if added:
        messages.success(request, f"You joined “{cohort.name}”. Its staff can now see your practice interviews.")
    else:
        messages.info(request, f"You are already in “{cohort.name}”.")
    return redirect("cohort_list")


@login_required
@require_POST
def leave_cohort(request, pk):
    cohort = get_object_or_404(Cohort, pk=pk)
    if services.leave_cohort(user=request.user, cohort=cohort):
        messages.success(request, f"You left “{cohort.name}”. Its staff can no longer see your interviews.")
    return redirect("cohort_list")


@career_staff_required
def staff_dashboard(request):
    now = timezone.now()
    cohorts = list(
        roster.cohorts_with_activity(selectors.with_member_counts(selectors.cohorts_run_by(request.user)), now)
    )
    context = {
        "cohorts": cohorts,
        "attention": roster.needs_attention(cohorts, now),
        "idle_days": roster.IDLE_DAYS,
        "falling_by": roster.FALLING_BY,
        "activity_days": roster.ACTIVITY_DAYS,
    }
    return render(request, "staff/dashboard.html", context)


@career_staff_required
def cohort_roster(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    context = {
        "cohort": cohort,
        "rows": roster.roster_rows(cohort.membership_set.all()),
        "leaderboard": roster.leaderboard_of(cohort),
        "idle_days": roster.IDLE_DAYS,
        # One URL reversed for 500 rows' two links each (reversing each took a tenth of the page's time).
        "students_url": reverse("cohort_student", args=[cohort.pk, 0]).removesuffix("0/"),
    }
    return render(request, "staff/roster.html", context)


@career_staff_required
def roster_csv(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    header = [
        "email",
        "name",
        "joined",
        "finished interviews",
        "latest overall",
        "average overall",
        "latest minus earlier average",
        "last practice",
    ]
    rows = [
        [
            row.email,
            row.name,
            row.joined_at.date(),
            row.interviews,
            row.unmeasured if row.latest is None else row.latest,
            row.unmeasured if row.average is None else row.average,
            "" if row.trend is None else row.trend,
            row.last_practice and row.last_practice.date(),
        ]
        for row in roster.roster_rows(cohort.membership_set.all())
    ]
    return csv_response(f"cohort-{cohort.pk}-roster.csv", header, rows)


@career_staff_required
def results_csv(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    header = [
        "interview",
        "email",
        "name",
        "finished",
        "position",
        "field",
        "topic",
        "difficulty",
        "type",
        *roster.RESULT_SCORES,
    ]
    results = list(roster.results_of(cohort))
    rows = [
        [
            r["pk"],
            r["candidate__email"],
            r["candidate_name"],
            r["finished_at"].isoformat(timespec="seconds"),
            r["position"],
            r["field_name"],
            r["topic"],
            r["difficulty"],
            r["type"],
            *roster.result_scores(r),
        ]
        for r in results
    ]
    students = Interview.objects.filter(pk__in=[r["pk"] for r in results]).values_list("candidate_id", flat=True)
    privacy_services.log_cohort_export(
        request.user,
        students,
        f"Scores of every finished interview, in “{cohort.name}” results",
        StaffAccess.What.COHORT_RESULTS,
    )
    return csv_response(f"cohort-{cohort.pk}-results.csv", header, rows)


@career_staff_required
def cohort_analytics(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    analytics = roster.cohort_analytics(
        cohort, roster.results_of(cohort), roster.roster_rows(cohort.membership_set.all())
    )
    context = {"cohort": cohort, "analytics": analytics, "figures": cohort_figures(analytics)}
    return render(request, "staff/analytics.html", context)


@career_staff_required
def bulk_invite(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    form = BulkInviteForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = _invite(request, cohort, form)
        if outcome and outcome.invited:
            messages.success(
                request,
                f"{len(outcome.invited)} invitation{'s' if len(outcome.invited) > 1 else ''} "
                f"on the way to {', '.join(outcome.invited[:3])}{' and others' if len(outcome.invited) > 3 else ''}.",
            )
    context = {
        "cohort": cohort,
        "form": form,
        "outcome": outcome,
        "invitations": roster.recent_invitations(cohort),
        "max_rows": invites.MAX_ROWS,
    }
    return render(request, "staff/invite.html", context, status=400 if form.errors else 200)


def _invite(request, cohort: Cohort, form: BulkInviteForm) -> invites.InviteOutcome | None:
    entries, problems = invites.pasted_entries(form.cleaned_data["addresses"]), []
    if upload := form.cleaned_data["file"]:
        try:
            file_entries, problems = invites.csv_entries(invites.text_of_upload(upload))
        except invites.UnreadableFile as error:
            form.add_error("file", str(error))
            return None
        entries += file_entries
    return invites.invite(
        cohort=cohort,
        invited_by=request.user,
        entries=entries,
        problems=problems,
        site_url=request.build_absolute_uri("/"),
    )


@career_staff_required
def student_interviews(request, pk, user_pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    membership = roster.member_of(cohort, user_pk)
    context = {"cohort": cohort, "membership": membership, "interviews": roster.student_interviews(membership.user)}
    return render(request, "staff/student.html", context)


@career_staff_required
def remove_student(request, pk, user_pk):
    """GET asks to confirm; POST removes."""
    cohort = selectors.cohort_run_by(request.user, pk)
    membership = roster.member_of(cohort, user_pk)
    if request.method == "POST":
        services.remove_member(cohort, membership.user)
        messages.success(
            request,
            f"{membership.user.email} is no longer in “{cohort.name}”; its staff no longer see their interviews.",
        )
        return redirect("cohort_roster", cohort.pk)
    return render(request, "staff/remove_student.html", {"cohort": cohort, "membership": membership})


@career_staff_required
@require_POST
def leaderboard_switch(request, pk):
    enabled = request.POST.get("enabled") == "on"
    cohort = services.set_leaderboard_enabled(selectors.cohort_run_by(request.user, pk), enabled)
    messages.success(
        request,
        (
            f"Members of “{cohort.name}” see the leaderboard on their Cohorts page; it lists only those who opt in."
            if enabled
            else f"The leaderboard of “{cohort.name}” is off: members no longer see it."
        ),
    )
    return redirect("cohort_roster", cohort.pk)


@login_required
@require_POST
def leaderboard_opt_in(request, pk):
    """A member's own choice to appear on their cohort's leaderboard."""
    membership = get_object_or_404(request.user.membership_set.select_related("cohort"), cohort_id=pk)
    services.set_on_leaderboard(membership, request.POST.get("on_leaderboard") == "on")
    name = membership.cohort.name
    if membership.on_leaderboard:
        messages.success(
            request,
            f"You appear on the leaderboard of “{name}” with your first name (or the start of your email), best "
            "overall score and number of interviews.",
        )
    else:
        messages.success(request, f"You no longer appear on the leaderboard of “{name}”.")
    return redirect("cohort_list")
