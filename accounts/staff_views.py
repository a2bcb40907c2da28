"""Career-centre staff's workspace: dashboard, roster, bulk invite, analytics and the leaderboard.
Staff reach only the cohorts they run (administrators: every cohort); anything else is a 404."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import invites, roster, selectors, services
from accounts.decorators import career_staff_required
from accounts.forms import BulkInviteForm
from accounts.models import Cohort, User
from config.downloads import csv_response
from interviewer import privacy_services
from interviewer.models import Interview, StaffAccess
from reports.charts import cohort_figures
from reports.services import store_score_summaries


def _with_stored_scores(members) -> None:
    """Scores the roster reads from ScoreSummary: compute and store those not stored yet."""
    if computed := roster.missing_scores(members):
        store_score_summaries(computed)


@career_staff_required
def staff_dashboard(request):
    now = timezone.now()
    cohorts = list(roster.cohorts_with_activity(selectors.cohorts_run_by(request.user), now))
    members = User.objects.filter(membership__cohort__in=cohorts)
    _with_stored_scores(members)
    context = {
        "cohorts": cohorts, "attention": roster.needs_attention(cohorts, now), "idle_days": roster.IDLE_DAYS,
        "falling_by": roster.FALLING_BY, "activity_days": roster.ACTIVITY_DAYS,
    }
    return render(request, "accounts/staff_dashboard.html", context)


@career_staff_required
def cohort_roster(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    _with_stored_scores(cohort.members.all())
    context = {
        "cohort": cohort, "rows": roster.roster_rows(cohort.membership_set.all()),
        "leaderboard": roster.leaderboard_of(cohort), "idle_days": roster.IDLE_DAYS,
        # One URL reversed for 500 rows' two links each (reversing each took a tenth of the page's time).
        "students_url": reverse("cohort_student", args=[cohort.pk, 0]).removesuffix("0/"),
    }
    return render(request, "accounts/staff_roster.html", context)


@career_staff_required
def roster_csv(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    _with_stored_scores(cohort.members.all())
    header = ["email", "name", "joined", "finished interviews", "latest overall", "average overall",
              "latest minus earlier average", "last practice"]
    rows = [
        [row.email, row.name, row.joined_at.date(), row.interviews, row.unmeasured if row.latest is None else row.latest,
         row.unmeasured if row.average is None else row.average, "" if row.trend is None else row.trend,
         row.last_practice and row.last_practice.date()]
        for row in roster.roster_rows(cohort.membership_set.all())
    ]
    return csv_response(f"cohort-{cohort.pk}-roster.csv", header, rows)


@career_staff_required
def results_csv(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    _with_stored_scores(cohort.members.all())
    header = ["interview", "email", "name", "finished", "position", "field", "topic", "difficulty", "type",
              *roster.RESULT_SCORES]
    results = list(roster.results_of(cohort))
    rows = [
        [r["pk"], r["candidate__email"], r["candidate_name"], r["finished_at"].isoformat(timespec="seconds"), r["position"],
         r["field_name"], r["topic"], r["difficulty"], r["type"], *roster.result_scores(r)]
        for r in results
    ]
    students = Interview.objects.filter(pk__in=[r["pk"] for r in results]).values_list("candidate_id", flat=True)
    privacy_services.log_cohort_export(request.user, students, f"Scores of every finished interview, in “{cohort.name}” results", StaffAccess.What.COHORT_RESULTS)
    return csv_response(f"cohort-{cohort.pk}-results.csv", header, rows)


@career_staff_required
def cohort_analytics(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    _with_stored_scores(cohort.members.all())
    analytics = roster.cohort_analytics(cohort, roster.results_of(cohort), roster.roster_rows(cohort.membership_set.all()))
    context = {"cohort": cohort, "analytics": analytics, "figures": cohort_figures(analytics)}
    return render(request, "accounts/staff_analytics.html", context)


@career_staff_required
def bulk_invite(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    form = BulkInviteForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = _invite(request, cohort, form)
        if outcome and outcome.invited:
            messages.success(request, f"{len(outcome.invited)} invitation{'s' if len(outcome.invited) > 1 else ''} "
                                      f"on the way to {', '.join(outcome.invited[:3])}{' and others' if len(outcome.invited) > 3 else ''}.")
    context = {"cohort": cohort, "form": form, "outcome": outcome, "invitations": roster.recent_invitations(cohort),
               "max_rows": invites.MAX_ROWS}
    return render(request, "accounts/staff_invite.html", context, status=400 if form.errors else 200)


def _invite(request, cohort: Cohort, form: BulkInviteForm) -> invites.InviteOutcome | None:
    entries, problems = invites.pasted_entries(form.cleaned_data["addresses"]), []
    if upload := form.cleaned_data["file"]:
        try:
            file_entries, problems = invites.csv_entries(invites.text_of_upload(upload))
        except invites.UnreadableFile as error:
            form.add_error("file", str(error))
            return None
        entries += file_entries
    return invites.invite(cohort=cohort, invited_by=request.user, entries=entries, problems=problems,
                          site_url=request.build_absolute_uri("/"))


@career_staff_required
def student_interviews(request, pk, user_pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    membership = roster.member_of(cohort, user_pk)
    _with_stored_scores(cohort.members.filter(pk=user_pk))
    context = {"cohort": cohort, "membership": membership, "interviews": roster.student_interviews(membership.user)}
    return render(request, "accounts/staff_student.html", context)


@career_staff_required
def remove_student(request, pk, user_pk):
    """GET asks to confirm; POST removes."""
    cohort = selectors.cohort_run_by(request.user, pk)
    membership = roster.member_of(cohort, user_pk)
    if request.method == "POST":
        services.remove_member(cohort, membership.user)
        messages.success(request, f"{membership.user.email} is no longer in “{cohort.name}”; its staff no longer see their interviews.")
        return redirect("cohort_roster", cohort.pk)
    return render(request, "accounts/staff_remove_student.html", {"cohort": cohort, "membership": membership})


@career_staff_required
@require_POST
def leaderboard_switch(request, pk):
    enabled = request.POST.get("enabled") == "on"
    cohort = services.set_leaderboard_enabled(selectors.cohort_run_by(request.user, pk), enabled)
    messages.success(request, (
        f"Members of “{cohort.name}” see the leaderboard on their Cohorts page; it lists only those who opt in."
        if enabled else f"The leaderboard of “{cohort.name}” is off: members no longer see it."
    ))
    return redirect("cohort_roster", cohort.pk)


@login_required
@require_POST
def leaderboard_opt_in(request, pk):
    """A member's own choice to appear on their cohort's leaderboard."""
    membership = get_object_or_404(request.user.membership_set.select_related("cohort"), cohort_id=pk)
    services.set_on_leaderboard(membership, request.POST.get("on_leaderboard") == "on")
    name = membership.cohort.name
    if membership.on_leaderboard:
        messages.success(request, f"You appear on the leaderboard of “{name}” with your first name (or the start of your email), best overall score and number of interviews.")
    else:
        messages.success(request, f"You no longer appear on the leaderboard of “{name}”.")
    return redirect("cohort_list")
