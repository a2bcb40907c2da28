"""Rubrics and the review page, for career-centre staff of the student's cohort."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.decorators import career_staff_required
from interviewer import privacy_services
from interviewer.models import StaffAccess
from reports import selectors as report_selectors
from reviews import selectors, services
from reviews.forms import ReviewForm, RubricForm
from reviews.models import Rubric


@career_staff_required
def rubric_list(request):
    return render(request, "reviews/rubric_list.html", {"rubrics": selectors.rubrics_for_staff(request.user)})


@career_staff_required
def rubric_create(request):
    return _rubric_form(
        request, RubricForm(request.POST or None, user=request.user, instance=Rubric(created_by=request.user))
    )


@career_staff_required
def rubric_edit(request, pk):
    rubric = selectors.rubric_for_staff(request.user, pk)
    return _rubric_form(request, RubricForm(request.POST or None, user=request.user, instance=rubric))


def _rubric_form(request, form):
    if request.method == "POST" and form.is_valid():
        rubric = services.save_rubric(form.save(commit=False), form.cleaned_data["criteria"])
        messages.success(request, f"Rubric “{rubric.name}” saved with {rubric.criteria.count()} criteria.")
        return redirect("rubric_list")
    title = f"Edit “{form.instance.name}”" if form.instance.pk else "New rubric"
    context = {"form": form, "title": title, "submit": "Save the rubric", "cancel_url": reverse("rubric_list")}
    return render(request, "interviewer/workspace_form.html", context, status=400 if form.errors else 200)


@career_staff_required
def review(request, pk):
    """The recordings beside their transcripts, the rubric's ratings and time-stamped comments."""
    interview, cohorts = selectors.reviewable_interview(request.user, pk)
    if request.method == "GET":
        privacy_services.log_access(request.user, interview, StaffAccess.What.REVIEW)
    rubrics = list(selectors.rubrics_for_staff(request.user).filter(cohort__in=cohorts))
    chosen = request.POST.get("rubric") or request.GET.get("rubric")
    rubric = next((r for r in rubrics if str(r.pk) == chosen), rubrics[0] if rubrics else None)
    report = report_selectors.report_for(interview)
    labels = selectors.recording_labels(report)
    existing = selectors.own_review(request.user, interview)
    form = None
    if rubric:
        previous = {r["criterion"]: r["score"] for r in existing.ratings} if existing else {}
        initial = {f"rating_{c.pk}": previous.get(c.name) for c in rubric.criteria.all()}
        initial["summary"] = existing.summary if existing else ""
        form = ReviewForm(request.POST or None, rubric=rubric, recording_ids=labels, initial=initial)
        if request.method == "POST" and form.is_valid():
            scores = {c.pk: form.cleaned_data[f"rating_{c.pk}"] for c in form.criteria}
            services.save_review(
                reviewer=request.user,
                interview=interview,
                rubric=rubric,
                scores=scores,
                summary=form.cleaned_data["summary"],
                comments=form.cleaned_data["comments"],
            )
            messages.success(
                request, f"Review saved. {interview.candidate_name} is told by email and sees it on their report."
            )
            return redirect("review", interview.pk)
    comments = _comments_to_show(form, existing, labels)
    context = {
        "interview": interview,
        "report": report,
        "rubrics": rubrics,
        "rubric": rubric,
        "form": form,
        "comments": comments,
        "existing": existing,
        "cohorts": cohorts,
    }
    return render(request, "reviews/review.html", context, status=400 if form is not None and form.errors else 200)


def _comments_to_show(form, existing, labels) -> list[dict]:
    """The comments as the page lists them: those just sent back (when the form had errors) or
    those stored, each with where it is ("question 2") and the player it seeks."""
    if form is not None and form.is_bound:
        data = form.data
        rows = zip(data.getlist("comment_recording"), data.getlist("comment_seconds"), data.getlist("comment_text"))
    else:
        rows = ((str(c.recording_id or ""), c.seconds, c.text) for c in existing.comments.all()) if existing else ()
    return [
        {
            "recording": recording,
            "seconds": seconds,
            "text": text,
            "where": labels.get(int(recording), "the interview as a whole")
            if str(recording).isdigit()
            else "the interview as a whole",
        }
        for recording, seconds, text in rows
    ]
