"""Plotly figures of a report and of the progress dashboard, as plain figure dictionaries: the
pages hand them to plotly.js (served from static/), and the PDF gets the same figures as PNG
images drawn by Kaleido (its own bundled Chromium, no network)."""

from __future__ import annotations

import functools
import warnings

from interviewer.engine.delivery import PACE_RANGE_WPM
from interviewer.engine.grading import CORRECT_AT, PARTIAL_AT, Verdict
from interviewer.engine.presence import REPORTED_EXPRESSIONS
from reports import stored_metrics
from reports.selectors import METRICS, Progress, Report

VERDICT_COLOURS = {Verdict.CORRECT: "#1a7f37", Verdict.PARTIAL: "#b35900", Verdict.INCORRECT: "#b42318"}
NEUTRAL = "#64748b"
ACCENT = "#2563eb"
SERIES_COLOURS = ("#2563eb", "#7c3aed", "#0f766e", "#b35900", "#be185d", "#475569", "#1a7f37")
NO_FACE = "no face found"
UNCLEAR = "no clear reading"
# Size of the images in the PDF, in CSS pixels, drawn at 1.5 times that (about 150 dpi across A4).
IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_SCALE = 720, 300, 1.5


def _layout(title: str, y_title: str, **extra) -> dict:
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        "yaxis": {"title": {"text": y_title}, "zeroline": False, "gridcolor": "#e2e8f0"},
        "xaxis": {"type": "category"},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "height": IMAGE_HEIGHT,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "font": {"family": "DejaVu Sans, Arial, sans-serif", "size": 12, "color": "#1e293b"},
        "legend": {"orientation": "h", "y": -0.2},
        "barmode": "group",
    }
    layout.update(extra)
    return layout


def _band(low: float, high: float, colour: str = "#dcfce7") -> dict:
    """A shaded horizontal band across the whole plot (the range a metric should sit in)."""
    return {
        "type": "rect",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "y0": low,
        "y1": high,
        "fillcolor": colour,
        "opacity": 0.6,
        "line": {"width": 0},
        "layer": "below",
    }


def _line(y: float, label: str) -> tuple[dict, dict]:
    shape = {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "y0": y,
        "y1": y,
        "line": {"color": NEUTRAL, "dash": "dot", "width": 1},
    }
    note = {
        "xref": "paper",
        "x": 1,
        "y": y,
        "text": label,
        "showarrow": False,
        "xanchor": "right",
        "yanchor": "bottom",
        "font": {"size": 10, "color": NEUTRAL},
    }
    return shape, note


# --- One interview -------------------------------------------------------------------------


def report_figures(report: Report) -> dict[str, dict]:
    """The report's charts by name; a chart with nothing measured to show is left out (the
    page says why instead)."""
    figures = {"scores": question_scores(report)} if any(q.final for q in report.questions) else {}
    recorded = [(q, a, _delivery(a.recording)) for q in report.questions for a in q.attempts if a.recording]
    spoken = [(q, a, delivery) for q, a, delivery in recorded if delivery]
    if spoken:
        figures["delivery"] = delivery_per_answer(spoken)
    timelines = [(q, a, _timeline(a.recording)) for q, a, _ in recorded if a.recording.has_video]
    if report.interview.reads_expressions and any(frame["face"] for _, _, timeline in timelines for frame in timeline):
        figures["expressions"] = expression_timeline(timelines)
    return figures


def _delivery(recording) -> dict | None:
    """The figures the delivery chart draws of one recorded attempt; None when no speech was measured."""
    what = f"recording {recording.pk} delivery"
    delivery = stored_metrics.mapping(recording.delivery, what)
    pace = stored_metrics.number(delivery.get("words_per_minute"), f"{what}.words_per_minute")
    if not pace:
        return None
    fillers = stored_metrics.mapping(delivery.get("filler_counts"), f"{what}.filler_counts")
    return {
        "words_per_minute": pace,
        "fillers": sum(stored_metrics.count(n, f"{what}.filler_counts") or 0 for n in fillers.values()),
        "long_pauses": stored_metrics.count(delivery.get("long_pauses"), f"{what}.long_pauses") or 0,
    }


def _timeline(recording) -> list[dict]:
    """The frames of one attempt's camera analysis that can be placed: {time, face, dominant}."""
    what = f"recording {recording.pk} presence"
    frames = stored_metrics.listing(
        stored_metrics.mapping(recording.presence, what).get("timeline"), f"{what}.timeline"
    )
    timeline = []
    for frame in frames:
        time = stored_metrics.number(frame.get("time") if isinstance(frame, dict) else frame, f"{what}.timeline")
        if time is not None:
            dominant = frame.get("dominant")
            face = frame.get("face") is True
            timeline.append(
                {"time": time, "face": face, "dominant": dominant if face and isinstance(dominant, str) else None}
            )
    return timeline


def _attempt_label(number: int, attempt: int) -> str:
    return f"Q{number}" + (" (2nd try)" if attempt > 1 else "")


def question_scores(report: Report) -> dict:
    answered = [q for q in report.questions if q.final]
    labels = [f"Q{q.number}" for q in answered]
    grades = [q.final.grade for q in answered]
    correct_line, correct_note = _line(CORRECT_AT, f"correct from {CORRECT_AT}")
    partial_line, partial_note = _line(PARTIAL_AT, f"partly correct from {PARTIAL_AT}")
    return {
        "data": [
            {
                "type": "bar",
                "name": "Answer score",
                "x": labels,
                "y": [g["answer_score"] for g in grades],
                "marker": {"color": [VERDICT_COLOURS.get(g["verdict"], NEUTRAL) for g in grades]},
                "text": [g["verdict"] for g in grades],
                "hovertemplate": "%{x}: %{y:.0f}/100 (%{text})<extra></extra>",
            },
            {
                "type": "bar",
                "name": "Closeness to the model answer",
                "x": labels,
                "y": [g["content_score"] for g in grades],
                "marker": {"color": "#cbd5e1"},
                "hovertemplate": "%{x}: %{y:.0f}/100<extra></extra>",
            },
        ],
        "layout": _layout(
            "Score of each answer (last attempt)",
            "score /100",
            yaxis={"title": {"text": "score /100"}, "range": [0, 100], "gridcolor": "#e2e8f0"},
            shapes=[correct_line, partial_line],
            annotations=[correct_note, partial_note],
        ),
    }


def delivery_per_answer(spoken) -> dict:
    labels = [_attempt_label(q.number, a.answer.attempt) for q, a, _ in spoken]
    deliveries = [delivery for _, _, delivery in spoken]
    low, high = PACE_RANGE_WPM
    return {
        "data": [
            {
                "type": "bar",
                "name": "Pace (words per minute)",
                "x": labels,
                "y": [d["words_per_minute"] for d in deliveries],
                "marker": {"color": ACCENT},
                "hovertemplate": "%{x}: %{y:.0f} words/min<extra></extra>",
            },
            {
                "type": "scatter",
                "mode": "markers+lines",
                "name": "Filler words",
                "x": labels,
                "yaxis": "y2",
                "y": [d["fillers"] for d in deliveries],
                "marker": {"color": "#b35900", "size": 9},
            },
            {
                "type": "scatter",
                "mode": "markers+lines",
                "name": "Pauses over 2 s",
                "x": labels,
                "yaxis": "y2",
                "y": [d["long_pauses"] for d in deliveries],
                "marker": {"color": "#7c3aed", "size": 9, "symbol": "diamond"},
            },
        ],
        "layout": _layout(
            f"Delivery of each spoken answer (green band: {low}–{high} words per minute)",
            "words per minute",
            yaxis2={
                "title": {"text": "count"},
                "overlaying": "y",
                "side": "right",
                "rangemode": "tozero",
                "showgrid": False,
            },
            shapes=[_band(low, high)],
        ),
    }


def expression_timeline(timelines) -> dict:
    """Each sampled video frame of the filmed answers, one after the other: the expression the
    face was read as (smoothed, and only when clear), that no reading was clear, or that no face
    was found."""
    categories = [NO_FACE, UNCLEAR, *REPORTED_EXPRESSIONS]
    points = {name: ([], []) for name in categories}
    shapes, annotations, offset = [], [], 0.0
    for q, a, timeline in timelines:
        if not timeline:
            continue
        shapes.append(
            {
                "type": "line",
                "x0": offset,
                "x1": offset,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": "#94a3b8", "width": 1},
            }
        )
        annotations.append(
            {
                "x": offset,
                "yref": "paper",
                "y": 1.02,
                "text": _attempt_label(q.number, a.answer.attempt),
                "showarrow": False,
                "xanchor": "left",
                "font": {"size": 10, "color": NEUTRAL},
            }
        )
        for frame in timeline:
            name = (frame["dominant"] or UNCLEAR) if frame["face"] else NO_FACE
            if name not in points:  # stored before fear and surprise stopped being reported in speech
                name = UNCLEAR
            points[name][0].append(round(offset + frame["time"], 2))
            points[name][1].append(name)
        offset += timeline[-1]["time"] + 1.0
    colours = dict(zip(categories, ("#94a3b8", "#cbd5e1", *SERIES_COLOURS)))
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "markers",
                "name": name,
                "x": xs,
                "y": ys,
                "marker": {"color": colours[name], "size": 6},
                "hovertemplate": "%{x:.1f} s: %{y}<extra></extra>",
            }
            for name, (xs, ys) in points.items()
            if xs
        ],
        "layout": _layout(
            "Expression the face was read as in each video frame (two frames a second)",
            "",
            showlegend=False,
            shapes=shapes,
            annotations=annotations,
            xaxis={"title": {"text": "seconds of recorded answers"}, "type": "linear"},
            yaxis={"type": "category", "categoryorder": "array", "categoryarray": categories},
            margin={"l": 110, "r": 20, "t": 50, "b": 50},
        ),
    }


# --- Progress across interviews --------------------------------------------------------------


def progress_figures(progress: Progress) -> dict[str, dict]:
    """The progress page's charts by name; a chart with nothing measured in any interview is
    left out (the table says why for each)."""
    if not progress.attempts:
        return {}
    labels = [f"{i}. {a.finished_at:%d %b}" for i, a in enumerate(progress.attempts, start=1)]
    by_key = {metric.key: metric for metric in METRICS}
    percentages = [m for m in METRICS if m.key not in ("pace_wpm", "fillers_per_minute")]
    low, high = PACE_RANGE_WPM
    figures = {
        "scores": {
            "data": [
                trace
                for trace in (
                    _series(labels, progress, metric, colour) for metric, colour in zip(percentages, SERIES_COLOURS)
                )
                if any(value is not None for value in trace["y"])
            ],
            "layout": _layout(
                "Scores over your interviews", "0–100", yaxis={"range": [0, 100], "gridcolor": "#e2e8f0"}
            ),
        },
        "pace": {
            "data": [_series(labels, progress, by_key["pace_wpm"], ACCENT)],
            "layout": _layout(
                f"Pace (green band: {low}–{high} words per minute)",
                "words per minute",
                shapes=[_band(low, high)],
                showlegend=False,
            ),
        },
        "fillers": {
            "data": [_series(labels, progress, by_key["fillers_per_minute"], "#b35900")],
            # A count: the axis starts at 0 (Plotly would centre a single 0 on an axis from −1).
            "layout": _layout(
                "Filler words per minute of speaking",
                "per minute",
                showlegend=False,
                yaxis={"title": {"text": "per minute"}, "rangemode": "tozero", "gridcolor": "#e2e8f0"},
            ),
        },
    }
    return {
        name: figure
        for name, figure in figures.items()
        if any(value is not None for trace in figure["data"] for value in trace["y"])
    }


def _series(labels: list[str], progress: Progress, metric, colour: str) -> dict:
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": metric.label,
        "x": labels,
        "y": [a.value(metric) for a in progress.attempts],
        "connectgaps": True,
        "line": {"color": colour},
        "customdata": [a.position for a in progress.attempts],
        "hovertemplate": f"{metric.label}: %{{y}}{metric.unit}<br>%{{customdata}}<extra></extra>",
    }


# --- Images for the PDF ----------------------------------------------------------------------


def figure_png(figure: dict) -> bytes:
    import plotly.io

    _without_mathjax()
    with warnings.catch_warnings():
        # Kaleido 0.2 (the release that ships its own Chromium) is "deprecated" by plotly 6 in
        # favour of Kaleido 1, which needs a Chrome installed on the server.
        warnings.simplefilter("ignore", DeprecationWarning)
        return plotly.io.to_image(figure, format="png", width=IMAGE_WIDTH, height=IMAGE_HEIGHT, scale=IMAGE_SCALE)


@functools.cache
def _without_mathjax() -> None:
    """Kaleido loads MathJax from a CDN unless told not to; our charts have no LaTeX, and the
    server may be offline. Once per process: changing the setting restarts Kaleido's Chromium."""
    import plotly.io

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # see figure_png
        plotly.io.kaleido.scope.mathjax = None


def warm_up() -> None:
    """Kaleido starts its Chromium (about a second) on the first image: workers do it when they
    start, so that the first PDF report doesn't wait for it."""
    figure_png({"data": [], "layout": {}})


# --- A cohort, for its staff (accounts.roster.cohort_analytics) -------------------------------


def cohort_figures(analytics) -> dict[str, dict]:
    """The cohort analytics page's charts by name; a chart with nothing to show is left out."""
    figures = {}
    if analytics.latest_overall:
        figures["distribution"] = {
            "data": [
                {
                    "type": "histogram",
                    "x": analytics.latest_overall,
                    "xbins": {"start": 0, "end": 100, "size": 10},
                    "marker": {"color": ACCENT, "line": {"color": "#ffffff", "width": 1}},
                    "hovertemplate": "%{x}: %{y} students<extra></extra>",
                }
            ],
            "layout": _layout(
                "Latest overall score of each student",
                "students",
                showlegend=False,
                xaxis={"title": {"text": "overall score /100"}, "type": "linear", "range": [0, 100]},
            ),
        }
    if analytics.weekly:
        figures["weekly"] = {
            "data": [
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "name": "Median overall",
                    "x": [f"{w.week:%d %b %Y}" for w in analytics.weekly],
                    "y": [w.median for w in analytics.weekly],
                    "customdata": [w.interviews for w in analytics.weekly],
                    "line": {"color": ACCENT},
                    "hovertemplate": "Week of %{x}: median %{y}/100 over %{customdata} interviews<extra></extra>",
                }
            ],
            "layout": _layout(
                "Median overall score of the interviews finished each week",
                "overall /100",
                showlegend=False,
                yaxis={"range": [0, 100], "gridcolor": "#e2e8f0", "title": {"text": "overall /100"}},
            ),
        }
    if analytics.key_points:
        gaps = list(reversed(analytics.key_points))  # Plotly draws the first bar at the bottom
        figures["key_points"] = {
            "data": [
                {
                    "type": "bar",
                    "orientation": "h",
                    "x": [round(100 * g.missed_share) for g in gaps],
                    "y": [_shorten(g.point) for g in gaps],
                    "customdata": [[g.missed, g.answers] for g in gaps],
                    "marker": {"color": VERDICT_COLOURS[Verdict.INCORRECT]},
                    "hovertemplate": "%{y}: missed in %{customdata[0]} of %{customdata[1]} answers<extra></extra>",
                }
            ],
            "layout": _layout(
                "Key points most often missed (share of final answers)",
                "",
                showlegend=False,
                xaxis={"title": {"text": "% of answers missing it"}, "type": "linear", "range": [0, 100]},
                yaxis={"type": "category", "automargin": True},
                height=max(IMAGE_HEIGHT, 40 * len(gaps) + 80),
                margin={"l": 20, "r": 20, "t": 50, "b": 50},
            ),
        }
    if analytics.domains:
        figures["domains"] = {
            "data": [
                {
                    "type": "bar",
                    "x": [d.name for d in analytics.domains],
                    "y": [d.mean for d in analytics.domains],
                    "customdata": [d.interviews for d in analytics.domains],
                    "marker": {"color": "#7c3aed"},
                    "hovertemplate": "%{x}: mean %{y}/100 over %{customdata} interviews<extra></extra>",
                }
            ],
            "layout": _layout(
                "Mean overall score in each field, lowest first",
                "overall /100",
                showlegend=False,
                yaxis={"range": [0, 100], "gridcolor": "#e2e8f0", "title": {"text": "overall /100"}},
            ),
        }
    return figures


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
