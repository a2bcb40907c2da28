"""The reviews section of the report page (reports/report.html): the report belongs to the
reports app, the reviews to this one, so the page asks for them by this tag rather than the
reports app importing reviews."""

from django import template

from reviews import selectors

register = template.Library()


@register.inclusion_tag("reviews/reviews.html", takes_context=True)
def reviews_section(context, report, interview, is_owner):
    reviews = selectors.reviews_visible_to(context["request"].user, interview, selectors.recording_labels(report))
    return {"reviews": reviews, "interview": interview, "is_owner": is_owner}
