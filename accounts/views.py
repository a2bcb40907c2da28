from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import roster, selectors, services
from accounts.decorators import career_staff_required
from accounts.forms import CohortForm, DeleteAccountForm, JoinCohortForm
from accounts.models import Cohort
from interviewer import assignment_selectors, privacy_selectors
from interviewer import selectors as interviewer_selectors


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home_anonymous.html")
    context = {"cohorts": selectors.cohorts_joined_by(request.user), "assignments": assignment_selectors.assignments_for_student(request.user)}
    return render(request, "home.html", context)


@login_required
def cohort_list(request):
    return _render_cohort_list(request, JoinCohortForm())


def _render_cohort_list(request, join_form, status=200):
    joined = [(membership, roster.leaderboard_of(membership.cohort) if membership.cohort.leaderboard_enabled else None)
              for membership in selectors.memberships_of_user(request.user)]
    context = {"joined": joined, "join_form": join_form}
    if request.user.is_career_staff:
        context["running"] = selectors.cohorts_run_by(request.user)
    return render(request, "accounts/cohort_list.html", context, status=status)


@career_staff_required
def cohort_create(request):
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cohort = services.create_cohort(staff_member=request.user, **form.cleaned_data)
        messages.success(request, f"Cohort “{cohort.name}” created. Share its invite link or code with your students.")
        return redirect(cohort)
    return render(request, "accounts/cohort_form.html", {"form": form})


@career_staff_required
def cohort_detail(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    invite_url = request.build_absolute_uri(cohort.get_invite_url())
    context = {
        "cohort": cohort, "memberships": selectors.memberships_of(cohort), "invite_url": invite_url,
        "llm_configured": interviewer_selectors.llm_configured(),
        "camera_analysis": settings.CAMERA_ANALYSIS, "expression_analysis": settings.EXPRESSION_ANALYSIS,
    }
    return render(request, "accounts/cohort_detail.html", context)


@career_staff_required
@require_POST
def cohort_renew_invite(request, pk):
    cohort = services.renew_invite(selectors.cohort_run_by(request.user, pk))
    messages.success(request, f"New invite code {cohort.invite_code}. The old code and link no longer work.")
    return redirect(cohort)


@career_staff_required
@require_POST
def cohort_llm_switch(request, pk):
    cohort = services.set_llm_allowed(selectors.cohort_run_by(request.user, pk), request.POST.get("llm_allowed") == "on")
    if cohort.llm_allowed:
        messages.success(request, f"Interviews of “{cohort.name}” members use the language model when the server has one and no other cohort of theirs turned it off.")
    else:
        messages.success(request, f"Interviews of “{cohort.name}” members use the offline engine only: nothing about them is sent to the language model.")
    return redirect(cohort)


@career_staff_required
@require_POST
def cohort_camera_switch(request, pk):
    cohort = selectors.cohort_run_by(request.user, pk)
    services.set_camera_analysis(
        cohort, analysis=request.POST.get("camera_analysis_allowed") == "on",
        expressions=request.POST.get("expression_analysis_allowed") == "on",
    )
    if not cohort.camera_analysis_allowed:
        messages.success(request, f"Members of “{cohort.name}” can record their camera, but nothing is measured in the video.")
    elif not cohort.expression_analysis_allowed:
        messages.success(request, f"Members of “{cohort.name}” can have their face and eye contact measured; facial expressions are never read.")
    else:
        messages.success(request, f"Members of “{cohort.name}” can have their camera analysed, expressions included where this server reads them.")
    return redirect(cohort)


@login_required
def join_by_link(request, code):
    """The invite link: shows which cohort it is, and joins on POST."""
    try:
        cohort = services.find_cohort_by_invite(code)
    except services.InviteError as error:
        return render(request, "accounts/join_cohort.html", {"error": str(error)}, status=404)
    if request.method == "POST":
        return _join(request, code)
    return render(request, "accounts/join_cohort.html", {"cohort": cohort})


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


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        messages.success(request, "Your account, interviews, recordings and résumés have been deleted.")
        return redirect("home")
    return render(request, "accounts/delete_account.html", {"form": form})


# The newest entries shown on the access page.
ACCESS_LOG_ROWS = 200


@login_required
def access_log(request):
    """Who opened the student's interviews and files, and when; for staff, also what they opened."""
    context = {
        "accesses_to_me": privacy_selectors.accesses_to(request.user)[:ACCESS_LOG_ROWS],
        "accesses_by_me": privacy_selectors.accesses_by(request.user)[:ACCESS_LOG_ROWS] if request.user.is_career_staff else None,
        "rows": ACCESS_LOG_ROWS,
    }
    return render(request, "accounts/access_log.html", context)
