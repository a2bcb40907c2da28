"""The report as a PDF: its own print template rendered by WeasyPrint, with the report's Plotly
charts as PNG images."""

import base64

from django.template.loader import render_to_string
from weasyprint import HTML

from interviewer.engine.presence import CAMERA_LIMITS, EXPRESSION_LIMITS
from reports.charts import figure_png, report_figures
from reports.selectors import Report


def render_pdf(report: Report) -> bytes:
    charts = {
        name: "data:image/png;base64," + base64.b64encode(figure_png(figure)).decode()
        for name, figure in report_figures(report).items()
    }
    html = render_to_string(
        "reports/report_pdf.html",
        {"report": report, "charts": charts, "camera_limits": CAMERA_LIMITS, "expression_limits": EXPRESSION_LIMITS},
    )
    return HTML(string=html).write_pdf()
