"""Question sets and assignments: staff pages (anyone else's set or assignment is a 404) and the
student's "start" button, whose rules the service enforces."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.decorators import career_staff_required
from assignments import selectors, services
from assignments.forms import (
    AssignmentForm,
    BankSearchForm,
    QuestionSetForm,
    WrittenQuestionForm,
)
from interviewer.models import Question


@career_staff_required
def question_set_list(request):
    return render(
        request,
        "assignments/question_set_list.html",
        {"question_sets": selectors.question_sets_for_staff(request.user)},
    )


@career_staff_required
def question_set_create(request):
    form = QuestionSetForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        question_set = form.save()
        messages.success(
            request, f"Question set “{question_set.name}” created. Add questions from the bank or write your own."
        )
        return redirect(question_set)
    context = {
        "form": form,
        "title": "New question set",
        "submit": "Create the set",
        "cancel_url": reverse("question_set_list"),
    }
    return render(request, "interviewer/workspace_form.html", context, status=400 if form.errors else 200)


@career_staff_required
def question_set_detail(request, pk):
    """The set's questions, its settings, a bank search and a form to write a question."""
    question_set = selectors.question_set_for_staff(request.user, pk)
    form = QuestionSetForm(request.POST or None, instance=question_set, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Question set saved.")
        return redirect(question_set)
    return _render_set(request, question_set, form=form, written_form=WrittenQuestionForm())


def _render_set(request, question_set, *, form, written_form, status=200):
    search = BankSearchForm(request.GET or None)
    results = selectors.search_bank(**search.cleaned_data) if request.GET and search.is_valid() else None
    context = {
        "question_set": question_set,
        "items": selectors.items_of(question_set),
        "form": form,
        "search_form": search,
        "results": results,
        "written_form": written_form,
    }
    return render(request, "assignments/question_set_detail.html", context, status=status)


@career_staff_required
@require_POST
def question_set_add_bank(request, pk):
    question_set = selectors.question_set_for_staff(request.user, pk)
    question = get_object_or_404(
        Question,
        pk=request.POST.get("question") if str(request.POST.get("question", "")).isdigit() else None,
        active=True,
    )
    _add(request, question_set, bank_question=question)
    return redirect(question_set)


@career_staff_required
@require_POST
def question_set_write(request, pk):
    question_set = selectors.question_set_for_staff(request.user, pk)
    written_form = WrittenQuestionForm(request.POST)
    if not written_form.is_valid():
        form = QuestionSetForm(instance=question_set, user=request.user)
        return _render_set(request, question_set, form=form, written_form=written_form, status=400)
    _add(request, question_set, **written_form.cleaned_data)
    return redirect(question_set)


def _add(request, question_set, **question):
    try:
        services.add_to_set(question_set, **question)
    except services.CannotAdd as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Question added to the set.")


@career_staff_required
@require_POST
def question_set_remove(request, pk, item_pk):
    question_set = selectors.question_set_for_staff(request.user, pk)
    services.remove_from_set(get_object_or_404(question_set.items, pk=item_pk))
    messages.success(request, "Question removed from the set. Interviews that already asked it keep it.")
    return redirect(question_set)


@career_staff_required
def assignment_list(request):
    context = {"assignments": selectors.assignments_for_staff(request.user)}
    return render(request, "assignments/assignment_list.html", context)


@career_staff_required
def assignment_create(request):
    return _assignment_form(request, AssignmentForm(request.POST or None, user=request.user))


@career_staff_required
def assignment_edit(request, pk):
    assignment = selectors.assignment_for_staff(request.user, pk)
    return _assignment_form(request, AssignmentForm(request.POST or None, instance=assignment, user=request.user))


def _assignment_form(request, form):
    if request.method == "POST" and form.is_valid():
        if form.instance.pk is None:
            form.instance.created_by = request.user
        assignment = form.save()
        messages.success(
            request,
            f"Assignment “{assignment.title}” saved; members of {assignment.cohort} see it on their Interviews page.",
        )
        return redirect(assignment)
    title = f"Edit “{form.instance.title}”" if form.instance.pk else "New assignment"
    context = {"form": form, "title": title, "submit": "Save the assignment", "cancel_url": reverse("assignment_list")}
    return render(request, "interviewer/workspace_form.html", context, status=400 if form.errors else 200)


@career_staff_required
def assignment_detail(request, pk):
    """Who completed the assignment: completed, in progress or not started, attempts, best score."""
    assignment = selectors.assignment_for_staff(request.user, pk)
    context = {"assignment": assignment, "rows": selectors.assignment_progress(assignment)}
    return render(request, "assignments/assignment_detail.html", context)


@login_required
@require_POST
def assignment_start(request, pk):
    assignment = get_object_or_404(selectors.assignments_for_student(request.user), pk=pk)
    try:
        interview = services.start_assignment_interview(candidate=request.user, assignment_id=assignment.pk)
    except services.AssignmentRefused as refused:
        messages.error(request, str(refused))
        return redirect("interview_list")
    return redirect("interview_room", interview.pk)
