"""The progress dashboard: every metric of every finished interview, matching what its report
says; the latest against the previous one and the best; filtered by field; a fixed number of
queries; scores computed again when a late camera analysis lands."""
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interviewer.engine.bank import read_bank
from interviewer.models import Interview, Recording
from interviewer.services import load_question_bank
from reports.models import ScoreSummary
from reports.selectors import METRICS, progress_of, report_for
from tests.report_data import finished_interview


@pytest.fixture
def bank(db):
    load_question_bank(read_bank())


@pytest.fixture
def interviews(bank, candidate):
    """Three finished interviews, oldest first: two in data analytics (one typed), one in marketing."""
    return [
        finished_interview(candidate, questions=2, seed=1),
        finished_interview(candidate, questions=2, seed=2, domain="marketing"),
        finished_interview(candidate, questions=3, seed=3, spoken=False),
    ]


def dashboard(client, query="") -> tuple[str, dict]:
    response = client.get(f"/progress/{query}")
    assert response.status_code == 200
    page = response.content.decode()
    figures = json.loads(page.split('<script id="report-figures" type="application/json">')[1].split("</script>")[0])
    return page, figures


def test_every_figure_matches_the_interviews_report(client, candidate, interviews):
    client.force_login(candidate)
    page, figures = dashboard(client)

    series = {trace["name"]: trace["y"] for figure in figures.values() for trace in figure["data"]}
    for position, interview in enumerate(interviews):
        scores = report_for(interview).scores
        expected = {
            "Overall": scores.overall, "Content": scores.content, "Accuracy": round(100 * scores.accuracy, 1),
            "Pace": scores.pace_wpm, "Filler words": scores.fillers_per_minute, "Tone stability": scores.tone_stability,
            "Looking at the camera": None if scores.looking_at_camera_share is None else round(100 * scores.looking_at_camera_share, 1),
        }
        for label, value in expected.items():
            assert series[label][position] == value, label
    assert all(f'href="/reports/{interview.pk}/"' in page for interview in interviews)
    assert ScoreSummary.objects.count() == 3  # kept for the next visit


def test_the_latest_interview_is_compared_with_the_previous_one_and_the_best(client, candidate, interviews):
    progress = progress_of(candidate)
    overall = [report_for(interview).scores.overall for interview in interviews]

    comparison = next(c for c in progress.comparisons if c.metric.key == "overall")
    assert comparison.latest == overall[2] and comparison.previous == overall[1]
    assert comparison.change == round(overall[2] - overall[1], 1)
    assert comparison.best == max(overall)
    assert comparison.improved == (overall[2] > overall[1])
    pace = next(c for c in progress.comparisons if c.metric.key == "pace_wpm")
    spoken = [report_for(interview).scores.pace_wpm for interview in interviews[:2]]
    assert pace.latest == spoken[1] and pace.previous == spoken[0]  # the typed interview has no pace

    client.force_login(candidate)
    page, _ = dashboard(client)
    assert "Latest interview against the previous one and your best" in page
    for metric in METRICS:
        assert metric.label in page


def test_the_dashboard_filters_by_field(client, candidate, interviews):
    client.force_login(candidate)

    page, figures = dashboard(client, "?field=marketing")

    [trace] = figures["pace"]["data"]
    assert len(trace["x"]) == 1 and trace["y"] == [report_for(interviews[1]).scores.pace_wpm]
    assert '<option value="marketing" selected>' in page
    assert f'href="/reports/{interviews[0].pk}/"' not in page
    page, figures = dashboard(client, "?field=no-such-field")
    assert "No finished interviews in this field yet." in page and figures == {}


def test_only_the_candidates_own_finished_interviews_count(client, candidate, other_candidate, interviews):
    Interview.objects.filter(pk=interviews[0].pk).update(status=Interview.Status.IN_PROGRESS)
    finished_interview(other_candidate, questions=1, seed=5)
    client.force_login(candidate)

    _, figures = dashboard(client)

    assert len(figures["scores"]["data"][0]["x"]) == 2
    client.force_login(other_candidate)
    assert len(dashboard(client)[1]["scores"]["data"][0]["x"]) == 1


def test_a_camera_analysis_that_lands_later_updates_the_scores(client, candidate, interviews):
    client.force_login(candidate)
    dashboard(client)
    recording = Recording.objects.filter(question__interview=interviews[0]).first()
    Recording.objects.filter(pk=recording.pk).update(presence=None)  # as before the analysis finished
    dashboard(client)
    before = progress_of(candidate).attempts[0].scores.looking_at_camera_share

    Recording.objects.filter(pk=recording.pk).update(presence={**recording.presence, "looking_at_camera_share": 0.1})
    _, figures = dashboard(client)

    after = report_for(interviews[0]).scores.looking_at_camera_share
    gaze = next(trace for trace in figures["scores"]["data"] if trace["name"] == "Looking at the camera")
    assert gaze["y"][0] == round(100 * after, 1) and after != before


def test_the_dashboard_runs_a_fixed_number_of_queries(client, candidate, bank, interviews):
    client.force_login(candidate)
    dashboard(client)
    with CaptureQueriesContext(connection) as few:
        dashboard(client)
    finished_interview(candidate, questions=1, seed=6)
    finished_interview(candidate, questions=1, seed=7)
    dashboard(client)
    with CaptureQueriesContext(connection) as more:
        dashboard(client)

    assert 0 < len(few) == len(more)


def test_a_candidate_without_interviews_is_invited_to_start_one(client, candidate):
    client.force_login(candidate)

    page, figures = dashboard(client)

    assert "No finished interviews yet." in page and figures == {}
    assert 'href="/interviews/new/"' in page
