"""The signed-in student's assignments, for the pages that list them (the home page and the
interview list): those pages belong to apps below this one, so they ask by this tag."""

from django import template

from assignments import selectors

register = template.Library()


@register.inclusion_tag("assignments/assignments_due.html", takes_context=True)
def assignments_due(context):
    return {"assignments": selectors.assignments_for_student(context["request"].user)}
