"""What happens to an interview that apps above this one act on (reports stores its scores and
emails the report: reports/receivers.py). Signals, because this app must not import them."""

from django.dispatch import Signal

# Sent inside the transaction that finishes the interview; argument `interview`.
interview_finished = Signal()
# Sent when a result lands after the answer was graded (the camera analysis of an answer, a
# spoken answer graded after the interview finished); argument `interview_id`.
results_changed = Signal()
