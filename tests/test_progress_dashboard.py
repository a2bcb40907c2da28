"""The progress dashboard: every metric of every finished interview, with the figures worked out
by hand from the answers given; the latest against the previous one and the best; filtered by
field; a fixed number of queries; scores computed again when a late camera analysis lands."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from interviewer.models import Interview, Recording
from reports.models import ScoreSummary
from reports.selectors import METRICS, progress_of
from reports.services import store_missing_scores
from tests.cohort_data import MARKETING, finished


@pytest.fixture
def interviews(db, candidate):
    """Three finished interviews, oldest first: two in data analytics (one typed), one in marketing
    (tests.cohort_data: right answers score 100, wrong ones 0; spoken ones as tests.report_data lays
    words out, 0.4 s each with a 2.5 s pause after the sixth, in a voice of tone stability 100)."""
    now = timezone.now()
    return [
        # The easy SQL model answer, 129 words, filmed: the second question asked, not answered.
        finished(candidate, now - timedelta(days=3), right=1, spoken=True, camera=True),
        # The easy marketing model answer (147 words, one filler, "so"), then "I don't know." twice.
        finished(candidate, now - timedelta(days=2), right=1, wrong=1, field=MARKETING, spoken=True),
        finished(candidate, now - timedelta(days=1), right=2, wrong=1),  # typed
    ]


# Each interview's figures, to a tenth (the code rounds its parts before adding them up).
EXPECTED = [
    # Pace 129 words in 54.05 s = 143.2 a minute; one 2.5 s pause in 0.90 min = 1.11 a minute, score
    # 72.2; delivery = mean(pace 100, fillers 100, pauses 72.2, tone 100) = 93.0. Filmed for 54.85 s:
    # 109 frames, a face in all but the first, facing the camera in those not a multiple of 3:
    # visible 108/109 = 99.1%, looking 72/108 = 66.7%, presence 82.9. Asked 2, 1 correct.
    # Overall = 0.6 × 100 + 0.25 × 93.0 + 0.15 × 82.9 = 95.7.
    {
        "Overall": 95.7,
        "Content": 100.0,
        "Accuracy": 50.0,
        "Pace": 143.2,
        "Filler words": 0.0,
        "Tone stability": 100.0,
        "Looking at the camera": 66.7,
    },
    # 147 + 3 + 3 words in 61.25 + 1.15 + 1.15 = 63.55 s: 144.5 a minute; one filler and one pause:
    # 0.94 a minute each, scores 81.2 and 76.5; delivery = mean(100, 81.2, 76.5, 100) = 89.4. Camera
    # off: overall = (0.6 × 50 + 0.25 × 89.4) / 0.85 = 61.6. Asked 3 (the third unanswered), 1 correct.
    {
        "Overall": 61.6,
        "Content": 50.0,
        "Accuracy": 33.3,
        "Pace": 144.5,
        "Filler words": 0.94,
        "Tone stability": 100.0,
        "Looking at the camera": None,
    },
    # Typed: overall = content = (100 + 100 + 0) / 3; 2 of 3 correct; nothing spoken or filmed.
    {
        "Overall": 66.7,
        "Content": 66.7,
        "Accuracy": 66.7,
        "Pace": None,
        "Filler words": None,
        "Tone stability": None,
        "Looking at the camera": None,
    },
]


def dashboard(client, query="") -> tuple[str, dict]:
    response = client.get(f"/progress/{query}")
    assert response.status_code == 200
    page = response.content.decode()
    figures = json.loads(page.split('<script id="report-figures" type="application/json">')[1].split("</script>")[0])
    return page, figures


def test_every_figure_is_the_interviews_measured_one(client, candidate, interviews):
    ScoreSummary.objects.all().delete()  # interviews finished before scores were stored
    client.force_login(candidate)
    page, figures = dashboard(client)

    series = {trace["name"]: trace["y"] for figure in figures.values() for trace in figure["data"]}
    for position, expected in enumerate(EXPECTED):
        for label, value in expected.items():
            assert series[label][position] == (None if value is None else pytest.approx(value, abs=0.1)), label
    assert all(f'href="/reports/{interview.pk}/"' in page for interview in interviews)
    assert ScoreSummary.objects.count() == 0  # computed for the page; a GET never writes


def test_the_latest_interview_is_compared_with_the_previous_one_and_the_best(client, candidate, interviews):
    progress = progress_of(candidate)

    comparison = next(c for c in progress.comparisons if c.metric.key == "overall")
    assert (comparison.latest, comparison.previous) == (66.7, pytest.approx(61.6, abs=0.1))
    assert comparison.change == pytest.approx(5.1, abs=0.1) and comparison.improved
    assert comparison.best == pytest.approx(95.7, abs=0.1) and comparison.best_attempt.interview_id == interviews[0].pk
    pace = next(c for c in progress.comparisons if c.metric.key == "pace_wpm")
    assert (pace.latest, pace.previous) == (144.5, 143.2)  # the typed interview has no pace

    client.force_login(candidate)
    page, _ = dashboard(client)
    assert "Latest interview against the previous one and your best" in page
    for metric in METRICS:
        assert metric.label in page


def test_the_dashboard_filters_by_field(client, candidate, interviews):
    client.force_login(candidate)

    page, figures = dashboard(client, "?field=marketing")

    [trace] = figures["pace"]["data"]
    assert len(trace["x"]) == 1 and trace["y"] == [144.5]
    assert '<option value="marketing" selected>' in page
    assert f'href="/reports/{interviews[0].pk}/"' not in page
    page, figures = dashboard(client, "?field=no-such-field")
    assert "No finished interviews in this field yet." in page and figures == {}


def test_only_the_candidates_own_finished_interviews_count(client, candidate, other_candidate, interviews):
    Interview.objects.filter(pk=interviews[0].pk).update(status=Interview.Status.IN_PROGRESS)
    finished(other_candidate, timezone.now(), right=1)
    client.force_login(candidate)

    _, figures = dashboard(client)

    assert len(figures["scores"]["data"][0]["x"]) == 2
    client.force_login(other_candidate)
    assert len(dashboard(client)[1]["scores"]["data"][0]["x"]) == 1


def test_a_camera_analysis_that_lands_later_updates_the_scores(client, candidate, interviews):
    client.force_login(candidate)
    [recording] = Recording.objects.filter(question__interview=interviews[0])  # the one filmed answer
    Recording.objects.filter(pk=recording.pk).update(presence=None)  # as before the analysis finished
    store_missing_scores()  # the scores stored as the interview finished
    assert progress_of(candidate).attempts[0].scores.looking_at_camera_share is None

    # Landed without its signal (tests/test_faceless_camera.py has the real analysis): the page
    # computes the stale scores itself, and the periodic task stores them.
    Recording.objects.filter(pk=recording.pk).update(presence={**recording.presence, "looking_at_camera_share": 0.1})
    _, figures = dashboard(client)

    gaze = next(trace for trace in figures["scores"]["data"] if trace["name"] == "Looking at the camera")
    assert gaze["y"][0] == 10.0  # the only filmed answer's share
    assert store_missing_scores() == 1
    assert ScoreSummary.objects.get(interview=interviews[0]).scores["looking_at_camera_share"] == 0.1


def test_the_dashboard_runs_a_fixed_number_of_queries(client, candidate, interviews):
    client.force_login(candidate)
    dashboard(client)
    with CaptureQueriesContext(connection) as few:
        dashboard(client)
    for days_ago in (5, 4):
        finished(candidate, timezone.now() - timedelta(days=days_ago), right=1, spoken=True, camera=True)
    dashboard(client)
    with CaptureQueriesContext(connection) as more:
        dashboard(client)

    assert 0 < len(few) == len(more)


def test_a_candidate_without_interviews_is_invited_to_start_one(client, candidate):
    client.force_login(candidate)

    page, figures = dashboard(client)

    assert "No finished interviews yet." in page and figures == {}
    assert 'href="/interviews/new/"' in page
